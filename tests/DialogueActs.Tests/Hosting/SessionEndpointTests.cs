using System.Net;
using System.Text;
using System.Text.Json;
using DialogueActs.Hosting;
using DialogueActs.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DialogueActs.Tests.Hosting;

/// <summary>The streaming sessions of the HTTP API (<c>/v1/sessions</c>), against library sessions of the same causal model.</summary>
[Collection(HostingCollection.Name)]
public sealed class SessionEndpointTests
{
    private const double Margin = 1e-6;
    private readonly TrainedModelFixture _model;

    public SessionEndpointTests(TrainedModelFixture model) => _model = model;

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(16)]
    public async Task ASessionAnswersWhatALibrarySessionWithTheSameLagAnswers(int lag)
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath);
        using var tagger = DialogueActTagger.Load(_model.CausalModelPath);
        var conversations = TrainedModelFixture.Conversations(4, seed: 31).Where(c => c.Utterances.Count >= 3).ToArray();
        int revisions = 0;
        foreach (var conversation in conversations)
        {
            using var library = tagger.StartSession(lag);
            string id;
            using (var created = await Post(server, "/v1/sessions", $"{{\"lag\":{lag}}}"))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                using var json = await ReadJson(created);
                id = json.RootElement.GetProperty("id").GetString()!;
                Assert.Matches("^[0-9a-f]{32}$", id);
                Assert.Equal(lag, json.RootElement.GetProperty("lag").GetInt32());
                Assert.Equal($"/v1/sessions/{id}", created.Headers.Location!.OriginalString);
            }

            for (int i = 0; i < conversation.Utterances.Count; i++)
            {
                var utterance = conversation.Utterances[i];
                using var answer = await Add(server, id, utterance.Speaker, utterance.Text);
                var expected = library.Add(utterance.Speaker, utterance.Text);
                Assert.Equal(i, answer.RootElement.GetProperty("index").GetInt32());
                Assert.Equal(expected.Index, answer.RootElement.GetProperty("index").GetInt32());
                Assert.Equal(expected.Label, answer.RootElement.GetProperty("label").GetString());
                Assert.Equal(expected.Confidence, answer.RootElement.GetProperty("confidence").GetDouble(), Margin);
                var top = answer.RootElement.GetProperty("top").EnumerateArray().ToArray();
                Assert.Equal(expected.Top.Select(s => s.Label), top.Select(s => s.GetProperty("label").GetString()));
                for (int k = 0; k < top.Length; k++)
                    Assert.Equal(expected.Top[k].Probability, top[k].GetProperty("probability").GetDouble(), Margin);
                AssertRevised(expected.Revised, answer.RootElement.GetProperty("revised"));
                revisions += expected.Revised.Count;
            }

            using (var ended = await Post(server, $"/v1/sessions/{id}/end", ""))
            {
                Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
                using var json = await ReadJson(ended);
                AssertRevised(library.End(), json.RootElement.GetProperty("revised"));
            }
        }
        if (lag > 0) Assert.True(revisions > 0, "no revision to compare: the conversations should be ones the model revises");
    }

    [Fact]
    public async Task WithALagOfAtLeastTheConversationsLengthTheLabelsAfterEndAreTheOfflineViterbiPath()
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath);
        using var tagger = DialogueActTagger.Load(_model.CausalModelPath);
        int maxLag = new DialogueActsOptions().MaxSessionLag;
        var conversation = TrainedModelFixture.Conversations(30, seed: 32).First(c => c.Utterances.Count >= 5 && c.Utterances.Count <= maxLag);
        string id = await Start(server, $"{{\"lag\":{maxLag}}}");
        var labels = new List<string>();
        foreach (var utterance in conversation.Utterances)
        {
            using var answer = await Add(server, id, utterance.Speaker, utterance.Text);
            labels.Add(answer.RootElement.GetProperty("label").GetString()!);
            Revise(labels, answer.RootElement.GetProperty("revised"));
        }
        using (var ended = await Post(server, $"/v1/sessions/{id}/end", ""))
        using (var json = await ReadJson(ended))
            Revise(labels, json.RootElement.GetProperty("revised"));

        Assert.Equal(tagger.Tag(conversation).Utterances.Select(u => u.Label), labels);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("  \n", 0)]
    [InlineData("{}", 0)]
    [InlineData("{\"lag\":null}", 0)]
    [InlineData("{\"lag\":3}", 3)]
    [InlineData("{\"lag\":16}", 16)]
    public async Task AnEmptyBodyOrALagFrom0ToTheLimitStartsASession(string body, int lag)
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath);
        using var created = await Post(server, "/v1/sessions", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = await ReadJson(created);
        Assert.Equal(lag, json.RootElement.GetProperty("lag").GetInt32());
        string id = json.RootElement.GetProperty("id").GetString()!;
        var session = server.Services.GetRequiredService<SessionStore>().Find(id);
        Assert.Equal(lag, session!.Lag);
    }

    [Theory]
    [InlineData("{\"lag\":-1}", "field 'lag' must be an integer from 0 to 16, got -1")]
    [InlineData("{\"lag\":17}", "field 'lag' must be an integer from 0 to 16, got 17")]
    [InlineData("{\"lag\":1.5}", "field 'lag' must be an integer from 0 to 16, got 1.5")]
    [InlineData("{\"lag\":99999999999}", "field 'lag' must be an integer from 0 to 16, got 99999999999")]
    [InlineData("{\"lag\":\"2\"}", "field 'lag' must be an integer, got string")]
    [InlineData("{\"lag\":true}", "field 'lag' must be an integer, got boolean")]
    [InlineData("{\"lag\":2,\"lagg\":1}", "unknown field 'lagg' (a session takes only 'lag')")]
    [InlineData("{\"speaker\":\"A\"}", "unknown field 'speaker' (a session takes only 'lag')")]
    [InlineData("{\"lag\":1,\"lag\":2}", "request body is not valid JSON: Duplicate property 'lag' encountered during deserialization")]
    [InlineData("[1]", "expected a JSON object, got array")]
    [InlineData("{\"lag\":", "request body is not valid JSON at line 1, byte 8: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed")]
    public async Task ABadStartRequestGets400NamingTheFieldAndOpensNoSession(string body, string detail)
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath);
        using (var response = await Post(server, "/v1/sessions", body))
            await AssertProblem(response, 400, detail);
        Assert.Equal(0, server.Services.GetRequiredService<SessionStore>().Count);
        await Start(server, "");
    }

    [Theory]
    [InlineData("", 400, "request body is empty (expected a JSON object)")]
    [InlineData("{\"speaker\":\"A\"}", 400, "missing field 'text'")]
    [InlineData("{\"text\":7}", 400, "field 'text' must be a string, got number")]
    [InlineData("{\"text\":\"hi\",\"speaker\":1}", 400, "field 'speaker' must be a string, got number")]
    [InlineData("\"hi\"", 400, "expected a JSON object, got string")]
    [InlineData("{\"text\":\"a\\ud800\"}", 400, "field 'text' is not valid text (a \\u escape is an unpaired UTF-16 surrogate)")]
    [InlineData("{\"text\":\"123456789\"}", 413, "field 'text' has 9 characters, over the limit of 8")]
    public async Task ABadUtteranceGetsTheTagRequestsMessageAndTheSessionGoesOn(string body, int status, string detail)
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath, o => o.MaxCharactersPerUtterance = 8);
        string id = await Start(server, "");
        using (var response = await Post(server, $"/v1/sessions/{id}/utterances", body))
            await AssertProblem(response, status, detail);
        using var answer = await Add(server, id, null, "12345678");
        Assert.Equal(0, answer.RootElement.GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task AnUnknownIdGets404OnEveryRoute()
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath);
        await Start(server, "");
        string unknown = new('0', 32);
        using (var response = await Post(server, $"/v1/sessions/{unknown}/utterances", "{\"text\":\"hi\"}"))
            await AssertProblem(response, 404, $"session '{unknown}': not found or expired");
        using (var response = await Post(server, $"/v1/sessions/{unknown}/end", ""))
            await AssertProblem(response, 404, $"session '{unknown}': not found or expired");
        using (var response = await server.Client.DeleteAsync($"/v1/sessions/{unknown}"))
            await AssertProblem(response, 404, $"session '{unknown}': not found or expired");
        string longId = new('x', 200);
        using (var response = await server.Client.DeleteAsync($"/v1/sessions/{longId}"))
            await AssertProblem(response, 404, $"session '{new string('x', DialogueActsException.MaxExcerptLength)}...': not found or expired");
    }

    [Fact]
    public async Task DeleteAnswers204AndClosesTheSession()
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath);
        var store = server.Services.GetRequiredService<SessionStore>();
        string id = await Start(server, "{\"lag\":1}");
        (await Add(server, id, "A", "do you have kids?")).Dispose();
        var session = (DialogueActSession)store.Find(id)!;
        Assert.True(session.HoldsNativeState);

        using (var deleted = await server.Client.DeleteAsync($"/v1/sessions/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());
        }
        Assert.Null(store.Find(id));
        Assert.True(session.IsDisposed);
        using (var response = await Post(server, $"/v1/sessions/{id}/utterances", "{\"text\":\"hi\"}"))
            await AssertProblem(response, 404, $"session '{id}': not found or expired");
        using (var response = await server.Client.DeleteAsync($"/v1/sessions/{id}"))
            await AssertProblem(response, 404, $"session '{id}': not found or expired");
    }

    [Fact]
    public async Task EndAnswers200AndClosesTheSession()
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath);
        var store = server.Services.GetRequiredService<SessionStore>();
        string id = await Start(server, "{\"lag\":1}");
        (await Add(server, id, "A", "do you have kids?")).Dispose();
        var session = (DialogueActSession)store.Find(id)!;

        using (var ended = await Post(server, $"/v1/sessions/{id}/end", ""))
        {
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
            using var json = await ReadJson(ended);
            Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("revised").ValueKind);
        }
        Assert.Null(store.Find(id));
        Assert.True(session.IsDisposed);
        using (var response = await Post(server, $"/v1/sessions/{id}/utterances", "{\"text\":\"hi\"}"))
            await AssertProblem(response, 404, $"session '{id}': not found or expired");
        using (var response = await Post(server, $"/v1/sessions/{id}/end", ""))
            await AssertProblem(response, 404, $"session '{id}': not found or expired");
    }

    [Fact]
    public async Task OverTheSessionLimitGets429WithRetryAfterTheIdleTimeoutRoundedUp()
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath, o =>
        {
            o.MaxSessions = 2;
            o.SessionIdleTimeout = TimeSpan.FromSeconds(90.2);
        });
        string first = await Start(server, "");
        await Start(server, "");
        using (var refused = await Post(server, "/v1/sessions", ""))
        {
            await AssertProblem(refused, 429, "2 sessions open, the limit; end or delete one, or retry once idle ones expire");
            Assert.Equal(TimeSpan.FromSeconds(91), refused.Headers.RetryAfter!.Delta);
        }
        Assert.Equal(2, server.Services.GetRequiredService<SessionStore>().Count);

        using (var deleted = await server.Client.DeleteAsync($"/v1/sessions/{first}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Start(server, "");
    }

    [Theory]
    [InlineData(2, 100)]
    [InlineData(100, 2)]
    public async Task OverTheUtteranceLimitGets413AndTheLowerOfTheSessionAndConversationLimitsApplies(int perSession, int perConversation)
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath, o =>
        {
            o.MaxUtterancesPerSession = perSession;
            o.MaxUtterancesPerConversation = perConversation;
        });
        using (var model = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/model")))
            Assert.Equal(2, model.RootElement.GetProperty("limits").GetProperty("maxUtterancesPerSession").GetInt32());
        string id = await Start(server, "{\"lag\":1}");
        (await Add(server, id, "A", "do you have kids?")).Dispose();
        (await Add(server, id, "B", "yeah")).Dispose();
        using (var response = await Post(server, $"/v1/sessions/{id}/utterances", "{\"text\":\"right\"}"))
            await AssertProblem(response, 413, $"session '{id}': holds 2 utterances, the limit per session");
        using var ended = await Post(server, $"/v1/sessions/{id}/end", "");
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
    }

    [Fact]
    public async Task ABidirectionalModelRefusesSessionsWith409AndTheLibrarysMessage()
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath);
        using (var response = await Post(server, "/v1/sessions", "{\"lag\":2}"))
            await AssertProblem(response, 409, DialogueActTagger.BidirectionalSessionMessage);
        Assert.Equal(0, server.Services.GetRequiredService<SessionStore>().Count);
        using var model = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/model"));
        Assert.False(model.RootElement.GetProperty("streaming").GetBoolean());
    }

    [Fact]
    public async Task TheModelEndpointReportsStreamingAndTheSessionLimits()
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath, o =>
        {
            o.MaxSessions = 7;
            o.SessionIdleTimeout = TimeSpan.FromSeconds(42.5);
            o.MaxSessionLag = 4;
        });
        using var model = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/model"));
        Assert.True(model.RootElement.GetProperty("streaming").GetBoolean());
        var limits = model.RootElement.GetProperty("limits");
        Assert.Equal(7, limits.GetProperty("maxSessions").GetInt32());
        Assert.Equal(42.5, limits.GetProperty("sessionIdleTimeoutSeconds").GetDouble());
        Assert.Equal(TaggerOptions.DefaultMaxUtterancesPerConversation, limits.GetProperty("maxUtterancesPerSession").GetInt32());
        Assert.Equal(4, limits.GetProperty("maxSessionLag").GetInt32());
        using (var response = await Post(server, "/v1/sessions", "{\"lag\":5}"))
            await AssertProblem(response, 400, "field 'lag' must be an integer from 0 to 4, got 5");
    }

    [Fact]
    public void TheSessionDefaultsAreTheirConstants()
    {
        var options = new DialogueActsOptions();
        Assert.Equal(DialogueActsOptions.DefaultMaxSessions, options.MaxSessions);
        Assert.Equal(DialogueActsOptions.DefaultSessionIdleTimeout, options.SessionIdleTimeout);
        Assert.Equal(TaggerOptions.DefaultMaxUtterancesPerConversation, options.MaxUtterancesPerSession);
        Assert.Equal(DialogueActsOptions.DefaultMaxSessionLag, options.MaxSessionLag);
    }

    [Fact]
    public async Task BadSessionSettingsFailTheStartNamingEach()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => ApiServer.StartAsync(_model.CausalModelPath, o =>
        {
            o.MaxSessions = 0;
            o.SessionIdleTimeout = TimeSpan.Zero;
            o.MaxUtterancesPerSession = 0;
            o.MaxSessionLag = -1;
        }));
        Assert.Equal(
            "DialogueActs:MaxSessions: must be at least 1, got 0; DialogueActs:SessionIdleTimeout: must be more than 0, got 00:00:00; " +
            "DialogueActs:MaxUtterancesPerSession: must be at least 1, got 0; DialogueActs:MaxSessionLag: must be at least 0, got -1",
            e.Message);
    }

    [Fact]
    public async Task SessionsAddedToConcurrentlyAnswerWhatSequentialLibrarySessionsAnswer()
    {
        const int lag = 2;
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath);
        using var tagger = DialogueActTagger.Load(_model.CausalModelPath);
        var conversations = TrainedModelFixture.Conversations(8, seed: 33);

        var expected = conversations.Select(conversation =>
        {
            using var session = tagger.StartSession(lag);
            var steps = conversation.Utterances.Select(u => Describe(session.Add(u.Speaker, u.Text))).ToList();
            steps.Add(Describe(session.End()));
            return steps;
        }).ToArray();

        var ids = new string[conversations.Count];
        for (int c = 0; c < ids.Length; c++) ids[c] = await Start(server, $"{{\"lag\":{lag}}}");
        var answers = await Task.WhenAll(conversations.Select((conversation, c) => Task.Run(async () =>
        {
            var steps = new List<Step>();
            foreach (var utterance in conversation.Utterances)
            {
                using var answer = await Add(server, ids[c], utterance.Speaker, utterance.Text);
                steps.Add(Describe(answer.RootElement));
            }
            using var ended = await Post(server, $"/v1/sessions/{ids[c]}/end", "");
            using var json = await ReadJson(ended);
            steps.Add(Describe(json.RootElement));
            return steps;
        })));

        for (int c = 0; c < conversations.Count; c++)
        {
            Assert.Equal(expected[c].Count, answers[c].Count);
            for (int i = 0; i < expected[c].Count; i++)
            {
                Assert.Equal(expected[c][i].Labels, answers[c][i].Labels);
                Assert.Equal(expected[c][i].Confidences.Length, answers[c][i].Confidences.Length);
                for (int k = 0; k < expected[c][i].Confidences.Length; k++)
                    Assert.Equal(expected[c][i].Confidences[k], answers[c][i].Confidences[k], Margin);
            }
        }
        Assert.Equal(0, server.Services.GetRequiredService<SessionStore>().Count);
    }

    [Theory]
    [InlineData("DELETE", 204)]
    [InlineData("END", 200)]
    public async Task ClosingASessionWhileUtterancesArriveAnswersEachAdd200Or404(string close, int closedWith)
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath);
        var store = server.Services.GetRequiredService<SessionStore>();
        var statuses = new List<int>();
        for (int round = 0; round < 10; round++)
        {
            string id = await Start(server, "{\"lag\":2}");
            var session = (DialogueActSession)store.Find(id)!;
            var adds = Enumerable.Range(0, 4).Select(i => Task.Run(() => Post(server, $"/v1/sessions/{id}/utterances", $"{{\"text\":\"uh-huh {i}\"}}"))).ToArray();
            var closing = Task.Run(() => close == "DELETE" ? server.Client.DeleteAsync($"/v1/sessions/{id}") : Post(server, $"/v1/sessions/{id}/end", ""));
            foreach (var response in await Task.WhenAll(adds))
                using (response)
                {
                    statuses.Add((int)response.StatusCode);
                    if (response.StatusCode == HttpStatusCode.NotFound) await AssertProblem(response, 404, $"session '{id}': not found or expired");
                }
            using (var closed = await closing)
                Assert.Equal(closedWith, (int)closed.StatusCode);
            Assert.True(session.IsDisposed);
        }
        Assert.All(statuses, status => Assert.Contains(status, new[] { 200, 404 }));
        Assert.Equal(0, store.Count);
    }

    /// <summary>One answer as labels (the new one, then the revised ones as "index:label") and confidences in the same order.</summary>
    private sealed record Step(string[] Labels, double[] Confidences);

    private static Step Describe(SessionTag tag) => Describe(tag.Index, tag.Label, tag.Confidence, tag.Revised);

    private static Step Describe(IReadOnlyList<RevisedTag> revised) => Describe(null, null, 0, revised);

    private static Step Describe(int? index, string? label, double confidence, IReadOnlyList<RevisedTag> revised)
    {
        var labels = new List<string>();
        var confidences = new List<double>();
        if (label is not null)
        {
            labels.Add($"{index}:{label}");
            confidences.Add(confidence);
        }
        labels.AddRange(revised.Select(r => $"{r.Index}:{r.Label}"));
        confidences.AddRange(revised.Select(r => r.Confidence));
        return new Step([.. labels], [.. confidences]);
    }

    private static Step Describe(JsonElement answer)
    {
        var revised = answer.GetProperty("revised").EnumerateArray()
            .Select(r => new RevisedTag(r.GetProperty("index").GetInt32(), r.GetProperty("label").GetString()!, r.GetProperty("confidence").GetDouble()))
            .ToArray();
        return answer.TryGetProperty("label", out var label)
            ? Describe(answer.GetProperty("index").GetInt32(), label.GetString(), answer.GetProperty("confidence").GetDouble(), revised)
            : Describe(revised);
    }

    private static void AssertRevised(IReadOnlyList<RevisedTag> expected, JsonElement revised)
    {
        var items = revised.EnumerateArray().ToArray();
        Assert.Equal(expected.Select(r => (r.Index, r.Label)), items.Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("label").GetString()!)));
        for (int i = 0; i < items.Length; i++)
            Assert.Equal(expected[i].Confidence, items[i].GetProperty("confidence").GetDouble(), Margin);
    }

    private static void Revise(List<string> labels, JsonElement revised)
    {
        foreach (var r in revised.EnumerateArray())
            labels[r.GetProperty("index").GetInt32()] = r.GetProperty("label").GetString()!;
    }

    [Fact]
    public async Task AnUtteranceWithAnIndexIsAppliedOnlyAtThatIndex()
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath);
        string id = await Start(server, "{\"lag\": 1}");
        using (var ahead = await Post(server, $"/v1/sessions/{id}/utterances?index=1", "{\"text\": \"hello\"}"))
        {
            await AssertProblem(ahead, 409, $"session '{id}': the request expected index 1; its next utterance gets index 0");
        }
        using (var first = await Post(server, $"/v1/sessions/{id}/utterances?index=0", "{\"text\": \"hello\"}"))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var twice = await Post(server, $"/v1/sessions/{id}/utterances?index=0", "{\"text\": \"hello\"}"))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
            using var problem = JsonDocument.Parse(await twice.Content.ReadAsStringAsync());
            Assert.Equal(1, problem.RootElement.GetProperty("index").GetInt32());
        }
        using (var bad = await Post(server, $"/v1/sessions/{id}/utterances?index=-1", "{\"text\": \"hello\"}"))
            await AssertProblem(bad, 400, "query parameter 'index' must be one integer of at least 0, got '-1'");
        Assert.Equal(1, server.Services.GetRequiredService<SessionStore>().Find(id)!.Count);
    }

    internal static async Task<string> Start(ApiServer server, string body)
    {
        using var created = await Post(server, "/v1/sessions", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = await ReadJson(created);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    internal static async Task<JsonDocument> Add(ApiServer server, string id, string? speaker, string text)
    {
        using var response = await Post(server, $"/v1/sessions/{id}/utterances", JsonSerializer.Serialize(new { speaker, text }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJson(response);
    }

    internal static Task<HttpResponseMessage> Post(ApiServer server, string path, string body) =>
        server.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    internal static async Task AssertProblem(HttpResponseMessage response, int status, string detail)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(detail, problem.RootElement.GetProperty("detail").GetString());
    }

    private static async Task<JsonDocument> ReadJson(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
