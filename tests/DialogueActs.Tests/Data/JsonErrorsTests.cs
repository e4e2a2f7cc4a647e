using System.Text;
using System.Text.Json;
using DialogueActs.Training.Configuration;
using DialogueActs.Data;
using Xunit;

namespace DialogueActs.Tests.Data;

/// <summary>One clean-up of System.Text.Json's messages, so one bad input reads the same in a corpus, a request and a config.</summary>
public sealed class JsonErrorsTests : IDisposable
{
    private readonly TempCorpus _temp = new();

    public void Dispose() => _temp.Dispose();

    private static JsonException Thrown(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(json).Dispose());

    [Fact]
    public void ReasonDropsThePositionSuffixAndTheReaderOptionsAdvice()
    {
        JsonException e = Thrown("{\"a\": 1,}");
        Assert.Contains("LineNumber:", e.Message);
        Assert.Contains("Change the reader options", e.Message);
        Assert.Equal("The JSON object contains a trailing comma at the end which is not supported in this mode", JsonErrors.Reason(e));
        Assert.Equal(" at line 1, byte 9", JsonErrors.Position(e, withLine: true));
        Assert.Equal(" at byte 9", JsonErrors.Position(e, withLine: false));
        Assert.Equal(" (line 1)", JsonErrors.LineSuffix(e));
    }

    [Fact]
    public void DescribeNamesTheSerializersPathAndLine()
    {
        var e = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, int>>("{\n\"a\": \"x\"}"));
        Assert.Equal("$.a: The JSON value could not be converted to System.Int32 (line 2)", JsonErrors.Describe(e));
    }

    [Fact]
    public void AMegabyteLiteralIsCutToOneShortLine()
    {
        string reason = JsonErrors.Reason(Thrown("{\"a\": t" + new string('r', 1 << 20) + "}"));
        Assert.True(reason.Length <= DialogueActsException.MaxBriefLength + 3, reason.Length.ToString());
        Assert.DoesNotContain('\n', reason);
    }

    [Fact]
    public void TheSameSyntaxErrorReadsTheSameInACorpusARequestAndAConfig()
    {
        string reason = JsonErrors.Reason(Thrown("{\"a\": 1,}"));
        string corpus = _temp.Write("c.jsonl", "{\"id\": \"a\", \"utterances\": [{\"text\": \"x\",}]}\n");

        var fromCorpus = Assert.Throws<DialogueActsException>(() => CorpusReader.Read(corpus, new ColumnMapping(), false));
        var fromRequest = Assert.Throws<DialogueActsException>(() => ConversationJsonReader.ReadConversation(
            Encoding.UTF8.GetBytes("{\"utterances\": [{\"text\": \"x\",}]}"), "request body", ConversationLimits.Default));
        var fromConfig = Assert.Throws<DialogueActsException>(() => ExperimentConfig.FromJson("{ \"data\": { \"train\": \"t.csv\", } }", "x.json"));

        Assert.Equal($"{corpus}:1: invalid JSON at byte 41: {reason}", fromCorpus.Message);
        Assert.Equal($"request body is not valid JSON at line 1, byte 30: {reason}", fromRequest.Message);
        Assert.Equal($"x.json: invalid JSON: {reason} (line 1)", fromConfig.Message);
    }
}
