using System.Net;
using System.Text;
using System.Text.Json;
using DialogueActs.Data;
using DialogueActs.Hosting;
using DialogueActs.Inference;

namespace DialogueActs.Tests.Hosting;

[Collection(HostingCollection.Name)]
public sealed class HttpApiTests
{
    private static readonly Action<DialogueActsOptions> SmallLimits = o =>
    {
        o.MaxRequestBodyBytes = 64 * 1024;
        o.MaxUtterancesPerConversation = 50;
        o.MaxCharactersPerUtterance = 200;
        o.MaxConversationsPerBatch = 3;
    };

    private readonly TrainedModelFixture _model;

    public HttpApiTests(TrainedModelFixture model) => _model = model;

    [Fact]
    public async Task TagAnswersExactlyWhatTheLibraryWrites()
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath);
        using var tagger = DialogueActTagger.Load(_model.ModelPath);
        foreach (var conversation in TrainedModelFixture.Conversations(5, seed: 21))
        {
            using var response = await server.Client.PostAsync("/v1/tag", Json(Request(conversation)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            byte[] expected = TrainedModelFixture.Serialize(conversation, tagger.Tag(conversation));
            Assert.Equal(Encoding.UTF8.GetString(expected).TrimEnd('\n'), await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task TagBatchAnswersTheLibrarysResultsInOrder()
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath);
        using var tagger = DialogueActTagger.Load(_model.ModelPath);
        var conversations = TrainedModelFixture.Conversations(4, seed: 22);
        string body = $"{{\"conversations\":[{string.Join(",", conversations.Select(Request))}]}}";
        using var response = await server.Client.PostAsync("/v1/tag/batch", Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = document.RootElement.GetProperty("conversations").EnumerateArray().Select(e => e.GetRawText()).ToArray();
        var tagged = tagger.TagMany(conversations);
        Assert.Equal(conversations.Count, items.Length);
        for (int i = 0; i < items.Length; i++)
            Assert.Equal(Encoding.UTF8.GetString(TrainedModelFixture.Serialize(conversations[i], tagged[i])).TrimEnd('\n'), items[i]);
    }

    [Fact]
    public async Task ModelAndHealthEndpointsDescribeTheLoadedModel()
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath, SmallLimits);
        using var tagger = DialogueActTagger.Load(_model.ModelPath);

        using var model = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/model"));
        Assert.Equal(tagger.Labels, model.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(3, model.RootElement.GetProperty("topK").GetInt32());
        Assert.Equal(tagger.Metadata.TrainUtterances, model.RootElement.GetProperty("metadata").GetProperty("trainUtterances").GetInt32());
        Assert.Equal(65536, model.RootElement.GetProperty("limits").GetProperty("maxRequestBodyBytes").GetInt64());

        using var health = await server.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public void EveryDefaultLimitIsDefinedOnce()
    {
        var host = new DialogueActsOptions();
        Assert.Equal(ConversationLimits.DefaultMaxUtterancesPerConversation, TaggerOptions.DefaultMaxUtterancesPerConversation);
        Assert.Equal(ConversationLimits.Default.MaxUtterancesPerConversation, new TaggerOptions().MaxUtterancesPerConversation);
        Assert.Equal(ConversationLimits.Default.MaxUtterancesPerConversation, host.MaxUtterancesPerConversation);
        Assert.Equal(ConversationLimits.Default.MaxCharactersPerUtterance, host.MaxCharactersPerUtterance);
        Assert.Equal(new TaggerOptions(), host.ToTaggerOptions());
        Assert.Equal(DialogueActsOptions.DefaultMaxConversationsPerBatch, host.MaxConversationsPerBatch);
        Assert.Equal(DialogueActsOptions.DefaultMaxRequestBodyBytes, host.MaxRequestBodyBytes);
    }

    [Fact]
    public async Task TheDefaultLimitsOfTheCorpusReaderTheTaggerAndTheHostAdmitTheLongestMrdaMeeting()
    {
        // The longest MRDA meeting (Btr002 in mrda/train.csv) has 3,391 utterances and 95,833 characters; this one
        // is as long and its texts are longer (431 characters is MRDA's longest utterance).
        var random = new Random(3391);
        var utterances = Enumerable.Range(0, 3391).Select(i => new Utterance(
            i % 7 == 0 ? "me011" : "fe016", string.Join(' ', Enumerable.Range(0, random.Next(1, 12)).Select(_ => "okay so um")), null)).ToArray();
        utterances[42] = utterances[42] with { Text = new string('x', 431) };
        var meeting = new Conversation("Btr002", utterances);

        string directory = Path.Combine(Path.GetTempPath(), "da-mrda-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            foreach (string name in new[] { "meeting.csv", "meeting.jsonl" })
            {
                string path = Path.Combine(directory, name);
                CorpusWriter.Write(path, [meeting], new ColumnMapping());
                var read = Assert.Single(CorpusReader.Read(path, new ColumnMapping(), requireLabels: false));
                Assert.Equal(meeting.Utterances, read.Utterances);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        using (var tagger = DialogueActTagger.Load(_model.ModelPath))
            Assert.Equal(3391, tagger.Tag(meeting).Utterances.Count);

        string body = Request(meeting);
        Assert.InRange(Encoding.UTF8.GetByteCount(body), 200_000, new DialogueActsOptions().MaxRequestBodyBytes);
        await using var server = await ApiServer.StartAsync(_model.ModelPath);
        using var response = await server.Client.PostAsync("/v1/tag", Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3391, json.RootElement.GetProperty("utterances").GetArrayLength());
    }

    public static TheoryData<string, string, int, string> BadRequests()
    {
        string Utterances(int count, int characters = 2) =>
            "[" + string.Join(",", Enumerable.Range(0, count).Select(_ => $"{{\"text\":\"{new string('a', characters)}\"}}")) + "]";
        string conversation = "{\"utterances\":[{\"text\":\"hi\"}]}";
        return new TheoryData<string, string, int, string>
        {
            { "/v1/tag", "{\"utterances\": [", 400, "request body is not valid JSON at line 1, byte 17: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed" },
            { "/v1/tag", "{\"utterances\": [{\"text\": \"a\",}]}", 400, "request body is not valid JSON at line 1, byte 30: The JSON object contains a trailing comma at the end which is not supported in this mode" },
            { "/v1/tag", "", 400, "request body is empty (expected a JSON object)" },
            { "/v1/tag", "[]", 400, "expected a JSON object, got array" },
            { "/v1/tag", "{\"id\":\"c1\"}", 400, "missing field 'utterances'" },
            { "/v1/tag", "{\"utterances\":\"hi\"}", 400, "field 'utterances' must be an array, got string" },
            { "/v1/tag", "{\"utterances\":[]}", 400, "field 'utterances' is empty (a conversation needs at least one utterance)" },
            { "/v1/tag", "{\"utterances\":[{\"speaker\":\"A\",\"text\":\"hi\"},{\"speaker\":\"B\"}]}", 400, "missing field 'utterances[1].text'" },
            { "/v1/tag", "{\"utterances\":[{\"text\":42}]}", 400, "field 'utterances[0].text' must be a string, got number" },
            { "/v1/tag", "{\"utterances\":[{\"text\":null}]}", 400, "field 'utterances[0].text' must be a string, got null" },
            { "/v1/tag", "{\"utterances\":[\"hi\"]}", 400, "field 'utterances[0]' must be an object, got string" },
            { "/v1/tag", "{\"utterances\":[{\"text\":\"hi\",\"speaker\":1}]}", 400, "field 'utterances[0].speaker' must be a string, got number" },
            { "/v1/tag", "{\"id\":7,\"utterances\":[{\"text\":\"hi\"}]}", 400, "field 'id' must be a string, got number" },
            { "/v1/tag", "{\"id\":\"\",\"utterances\":[{\"text\":\"hi\"}]}", 400, "field 'id' is empty" },
            { "/v1/tag", $"{{\"utterances\":{Utterances(51)}}}", 413, "field 'utterances' has 51 utterances, over the limit of 50" },
            { "/v1/tag", $"{{\"utterances\":{Utterances(1, 201)}}}", 413, "field 'utterances[0].text' has 201 characters, over the limit of 200" },
            { "/v1/tag", $"{{\"utterances\":[{{\"text\":\"hi\"}}]{new string(' ', 64 * 1024)}}}", 413, "request body is over the limit of 65536 bytes" },
            { "/v1/tag/batch", "{}", 400, "missing field 'conversations'" },
            { "/v1/tag/batch", "{\"conversations\":[]}", 400, "field 'conversations' is empty (a batch needs at least one conversation)" },
            { "/v1/tag/batch", $"{{\"conversations\":[{conversation},{{\"id\":\"x\"}}]}}", 400, "missing field 'conversations[1].utterances'" },
            { "/v1/tag/batch", $"{{\"conversations\":[{conversation},7]}}", 400, "field 'conversations[1]' must be an object, got number" },
            { "/v1/tag/batch", $"{{\"conversations\":[{conversation},{conversation},{conversation},{conversation}]}}", 413, "field 'conversations' has 4 conversations, over the limit of 3" },
            { "/v1/tag/batch", $"{{\"conversations\":[{{\"utterances\":{Utterances(51)}}}]}}", 413, "field 'conversations[0].utterances' has 51 utterances, over the limit of 50" },
        };
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadRequestGetsProblemDetailsAndTheNextRequestSucceeds(string path, string body, int status, string detail)
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath, SmallLimits);
        using (var response = await server.Client.PostAsync(path, Json(body)))
            await AssertProblem(response, status, detail);
        await AssertServes(server);
    }

    [Fact]
    public async Task InvalidUtf8Gets400NamingTheOffsetAndTheNextRequestSucceeds()
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath, SmallLimits);
        byte[] body = [.. "{\"utterances\":[{\"text\":\"caf"u8, 0xC3, 0x28, .. "\"}]}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using (var response = await server.Client.PostAsync("/v1/tag", content))
            await AssertProblem(response, 400, "request body is not valid UTF-8 (invalid bytes at offset 27)");
        await AssertServes(server);
    }

    [Theory]
    [InlineData("{\"utterances\":[{\"text\":\"a\\ud800b\"}]}", "utterances[0].text")]
    [InlineData("{\"utterances\":[{\"text\":\"a\",\"speaker\":\"\\udc00\"}]}", "utterances[0].speaker")]
    [InlineData("{\"id\":\"\\ud800\\ud800\",\"utterances\":[{\"text\":\"a\"}]}", "id")]
    public async Task AnEscapedLoneSurrogateGets400NamingTheFieldAndTheNextRequestSucceeds(string body, string field)
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath, SmallLimits);
        using (var response = await server.Client.PostAsync("/v1/tag", Json(body)))
            await AssertProblem(response, 400, $"field '{field}' is not valid text (a \\u escape is an unpaired UTF-16 surrogate)");
        await AssertServes(server);
    }

    [Theory]
    [InlineData("/v1/tag", "text/plain")]
    [InlineData("/v1/tag", "application/x-www-form-urlencoded")]
    [InlineData("/v1/tag/batch", "application/xml")]
    public async Task ADeclaredContentTypeOtherThanJsonGets415AndTheNextRequestSucceeds(string path, string contentType)
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath, SmallLimits);
        var content = new StringContent("{\"utterances\":[{\"text\":\"hi\"}]}", Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using (var response = await server.Client.PostAsync(path, content))
            await AssertProblem(response, 415, $"request body must be JSON (Content-Type: application/json), got Content-Type '{contentType}'");
        await AssertServes(server);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/problem+json")]
    public async Task AJsonOrMissingContentTypeIsAccepted(string? contentType)
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath, SmallLimits);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"utterances\":[{\"text\":\"hi\"}]}"));
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await server.Client.PostAsync("/v1/tag", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimitGets413AndTheNextRequestSucceeds()
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath, SmallLimits);
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes("{\"utterances\":[" + new string(' ', 100 * 1024) + "]}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using (var response = await server.Client.PostAsync("/v1/tag", content))
        {
            Assert.Null(response.RequestMessage!.Content!.Headers.ContentLength);
            await AssertProblem(response, 413, "request body is over the limit of 65536 bytes");
        }
        await AssertServes(server);
    }

    // Found by the fuzzer (scripts/Fuzz): "\ud800" escapes answered 500 (InvalidOperationException from System.Text.Json).
    [Theory]
    [InlineData("/v1/tag", "{\"utterances\":[{\"text\":\"ok\"},{\"text\":\"a\\ud800\"}]}", "field 'utterances[1].text' is not valid text (a \\u escape is an unpaired UTF-16 surrogate)")]
    [InlineData("/v1/tag", "{\"id\":\"\\udc00\",\"utterances\":[{\"text\":\"ok\"}]}", "field 'id' is not valid text (a \\u escape is an unpaired UTF-16 surrogate)")]
    [InlineData("/v1/tag/batch", "{\"conversations\":[{\"u\\ud800tterances\":[]}]}", "request body is not valid JSON: a key is not valid text (a \\u escape is an unpaired UTF-16 surrogate)")]
    public async Task UnpairedSurrogateEscapeGets400(string path, string body, string detail)
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath, SmallLimits);
        using (var response = await server.Client.PostAsync(path, Json(body)))
            await AssertProblem(response, 400, detail);
        await AssertServes(server);
    }

    // Found by the fuzzer: Kestrel counts chunk framing towards MaxRequestBodySize, so a body under the
    // limit sent in small chunks got 413 "over the limit".
    [Fact]
    public async Task ChunkedBodyUnderTheLimitInSmallChunksIsServed()
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath, SmallLimits);
        string body = "{\"id\":\"c\",\"utterances\":[{\"text\":\"do you have kids?\"}]" + new string(' ', 60 * 1024) + "}";
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(body)), bufferSize: 8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await server.Client.PostAsync("/v1/tag", content);
        Assert.Null(response.RequestMessage!.Content!.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task AssertProblem(HttpResponseMessage response, int status, string detail)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        Assert.Equal(detail, problem.RootElement.GetProperty("detail").GetString());
    }

    private static async Task AssertServes(ApiServer server)
    {
        using var response = await server.Client.PostAsync("/v1/tag", Json("{\"id\":\"ok\",\"utterances\":[{\"speaker\":\"A\",\"text\":\"do you have kids?\"},{\"speaker\":\"B\",\"text\":\"yeah\"}]}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("id").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("utterances").GetArrayLength());
    }

    private static string Request(Conversation conversation) => JsonSerializer.Serialize(new
    {
        id = conversation.Id,
        utterances = conversation.Utterances.Select(u => new { speaker = u.Speaker, text = u.Text }),
    });

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A stream whose length is unknown, so the client sends the body chunked.</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
