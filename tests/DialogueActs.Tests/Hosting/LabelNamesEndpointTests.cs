using System.Net;
using System.Text;
using System.Text.Json;
using DialogueActs.Data;
using DialogueActs.Inference;

namespace DialogueActs.Tests.Hosting;

/// <summary>
/// The HTTP answers of a model with a glossary and a temperature: a <c>name</c> beside each named label of <c>/v1/tag</c>,
/// <c>/v1/tag/batch</c> and the sessions, the names and temperature in <c>GET /v1/model</c>, confidences at the model's
/// temperature; and no <c>name</c> for a model without a glossary.
/// </summary>
[Collection(HostingCollection.Name)]
public sealed class LabelNamesEndpointTests
{
    private static readonly Dictionary<string, LabelName> Names = new() { ["qy"] = new("Yes-No-Question"), ["b"] = new("Acknowledge (Backchannel)") };

    private readonly TrainedModelFixture _model;

    public LabelNamesEndpointTests(TrainedModelFixture model) => _model = model;

    /// <summary>The fixture's model written again with names for <c>qy</c> and <c>b</c> (not <c>sd</c>) and a temperature.</summary>
    private string Named(string modelPath, string name)
    {
        string path = Path.Combine(_model.Dir, name);
        var archive = ModelArchive.Read(modelPath);
        using (archive.Model) ModelArchive.Write(path, archive with { Glossary = new LabelGlossary(Names), Temperature = 1.6 });
        return path;
    }

    private static void AssertNames(JsonElement element, ref int named)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) AssertNames(item, ref named);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        if (element.TryGetProperty("label", out var label))
        {
            if (Names.TryGetValue(label.GetString()!, out var name))
            {
                Assert.Equal(name.Name, element.GetProperty("name").GetString());
                named++;
            }
            else Assert.False(element.TryGetProperty("name", out _), label.GetString());
        }
        foreach (var property in element.EnumerateObject()) AssertNames(property.Value, ref named);
    }

    [Fact]
    public async Task TagAndBatchAnswersNameTheNamedLabels_AtTheModelsTemperature()
    {
        string path = Named(_model.ModelPath, "named.zip");
        await using var server = await ApiServer.StartAsync(path);
        using var tagger = DialogueActTagger.Load(path);
        Assert.Equal(1.6, tagger.Temperature);
        var conversations = TrainedModelFixture.Conversations(3, seed: 31);
        int named = 0;
        foreach (var conversation in conversations)
        {
            using var response = await server.Client.PostAsync("/v1/tag", Content(Request(conversation)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            string body = await response.Content.ReadAsStringAsync();
            using var stream = new MemoryStream();
            PredictionWriter.Write(stream, [conversation], [tagger.Tag(conversation)], tagger.Glossary);
            Assert.Equal(Encoding.UTF8.GetString(stream.ToArray()).TrimEnd('\n'), body);                     // the library's answer, names and all
            using var doc = JsonDocument.Parse(body);
            AssertNames(doc.RootElement, ref named);
        }
        string batch = "{\"conversations\":[" + string.Join(",", conversations.Select(Request)) + "]}";
        using (var response = await server.Client.PostAsync("/v1/tag/batch", Content(batch)))
        using (var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
            AssertNames(doc.RootElement, ref named);
        Assert.True(named > 10, $"{named} named labels");

        using var model = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/model"));
        Assert.Equal(1.6, model.RootElement.GetProperty("temperature").GetDouble());
        Assert.Equal(Names.ToDictionary(n => n.Key, n => n.Value.Name),
            model.RootElement.GetProperty("labelNames").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
    }

    [Fact]
    public async Task SessionAnswersNameTheNamedLabels()
    {
        string path = Named(_model.CausalModelPath, "named-causal.zip");
        await using var server = await ApiServer.StartAsync(path);
        int named = 0;
        string id = await SessionEndpointTests.Start(server, "{\"lag\":2}");
        foreach (var u in TrainedModelFixture.Conversations(1, seed: 32)[0].Utterances.Take(12).Concat([new Utterance("A", "do you have kids?", null)]))
        {
            using var answer = await SessionEndpointTests.Add(server, id, u.Speaker, u.Text);
            AssertNames(answer.RootElement, ref named);
        }
        using (var ended = await SessionEndpointTests.Post(server, $"/v1/sessions/{id}/end", ""))
        using (var doc = JsonDocument.Parse(await ended.Content.ReadAsStringAsync()))
            AssertNames(doc.RootElement, ref named);
        Assert.True(named > 5, $"{named} named labels");
    }

    [Fact]
    public async Task AModelWithoutAGlossaryAnswersWithoutNames()
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath);
        var conversation = TrainedModelFixture.Conversations(1, seed: 33)[0];
        using var response = await server.Client.PostAsync("/v1/tag", Content(Request(conversation)));
        Assert.DoesNotContain("\"name\"", await response.Content.ReadAsStringAsync());
        using var model = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/model"));
        Assert.Equal(JsonValueKind.Null, model.RootElement.GetProperty("labelNames").ValueKind);
        Assert.Equal(TemperatureScaling.Identity, model.RootElement.GetProperty("temperature").GetDouble());
    }

    private static string Request(Conversation conversation) => JsonSerializer.Serialize(new
    {
        id = conversation.Id,
        utterances = conversation.Utterances.Select(u => new { speaker = u.Speaker, text = u.Text }),
    });

    private static StringContent Content(string body) => new(body, Encoding.UTF8, "application/json");
}
