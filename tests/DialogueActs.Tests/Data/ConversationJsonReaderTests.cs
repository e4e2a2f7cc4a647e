using System.Text;
using DialogueActs.Data;
using Xunit;
using static DialogueActs.Tests.Data.TempCorpus;

namespace DialogueActs.Tests.Data;

/// <summary>
/// The one JSON conversation reader: a JSONL corpus line and a request body are read by the same rules and
/// refused with the same message (after <c>{file}:{line}: </c> for the corpus).
/// </summary>
public sealed class ConversationJsonReaderTests : IDisposable
{
    private const string Source = "request body";
    private static readonly ConversationLimits Small = new() { MaxUtterancesPerConversation = 3, MaxCharactersPerUtterance = 10 };
    private readonly TempCorpus _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Conversation Request(string json, ConversationLimits? limits = null) =>
        ConversationJsonReader.ReadConversation(Encoding.UTF8.GetBytes(json), Source, limits ?? Small);

    private IReadOnlyList<Conversation> Corpus(string jsonl, out string path, ConversationLimits? limits = null, bool requireLabels = false)
    {
        path = _temp.Write("c.jsonl", jsonl);
        return CorpusReader.Read(path, new ColumnMapping(), requireLabels, limits: limits ?? Small);
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { "[1]", "expected a JSON object, got array" },
        { "{\"id\": \"a\"}", "missing field 'utterances'" },
        { "{\"id\": \"a\", \"utterances\": \"hi\"}", "field 'utterances' must be an array, got string" },
        { "{\"id\": \"a\", \"utterances\": {}}", "field 'utterances' must be an array, got object" },
        { "{\"id\": \"a\", \"utterances\": []}", "field 'utterances' is empty (a conversation needs at least one utterance)" },
        { "{\"id\": \"a\", \"utterances\": [7]}", "field 'utterances[0]' must be an object, got number" },
        { "{\"id\": \"a\", \"utterances\": [{\"text\": \"x\"}, {\"speaker\": \"B\"}]}", "missing field 'utterances[1].text'" },
        { "{\"id\": \"a\", \"utterances\": [{\"text\": null}]}", "field 'utterances[0].text' must be a string, got null" },
        { "{\"id\": \"a\", \"utterances\": [{\"text\": \"x\", \"speaker\": false}]}", "field 'utterances[0].speaker' must be a string, got boolean" },
        { "{\"id\": 7, \"utterances\": [{\"text\": \"x\"}]}", "field 'id' must be a string, got number" },
        { "{\"id\": \" \", \"utterances\": [{\"text\": \"x\"}]}", "field 'id' is empty" },
        { "{\"id\": \"a\", \"utterances\": [{\"text\": \"x\\udc00\"}]}", "field 'utterances[0].text' is not valid text (a \\u escape is an unpaired UTF-16 surrogate)" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void ACorpusLineAndARequestAreRefusedWithTheSameMessage(string json, string problem)
    {
        AssertFails(problem, () => Request(json));
        AssertFails($"{_temp.PathOf("c.jsonl")}:2: {problem}", () => Corpus("{\"id\": \"ok\", \"utterances\": [{\"text\": \"x\"}]}\n" + json + "\n", out _));
    }

    [Theory]
    [InlineData("{\"id\": \"a\", \"utterances\": [{\"text\": \"1\"}, {\"text\": \"2\"}, {\"text\": \"3\"}, {\"text\": \"4\"}]}", "field 'utterances' has 4 utterances, over the limit of 3")]
    [InlineData("{\"id\": \"a\", \"utterances\": [{\"text\": \"x\"}, {\"text\": \"12345678901\"}]}", "field 'utterances[1].text' has 11 characters, over the limit of 10")]
    public void OverALimitIsAnInputLimitExceptionInBoth(string json, string problem)
    {
        Assert.Equal(problem, Assert.Throws<InputLimitException>(() => Request(json)).Message);
        Assert.Equal($"{_temp.PathOf("c.jsonl")}:1: {problem}", Assert.Throws<InputLimitException>(() => Corpus(json, out _)).Message);
    }

    [Theory]
    [InlineData("{\"speaker\": \"B\"}", "missing field 'text'")]
    [InlineData("{\"text\": null}", "field 'text' must be a string, got null")]
    [InlineData("{\"text\": \"x\", \"speaker\": false}", "field 'speaker' must be a string, got boolean")]
    [InlineData("{\"text\": \"x\\udc00\"}", "field 'text' is not valid text (a \\u escape is an unpaired UTF-16 surrogate)")]
    [InlineData("7", "expected a JSON object, got number")]
    public void AnUtteranceAloneIsRefusedWithItsFieldsNamedFromTheRoot(string json, string problem) =>
        AssertFails(problem, () => ConversationJsonReader.ReadUtterance(Encoding.UTF8.GetBytes(json), Source, Small));

    [Fact]
    public void AnUtteranceAloneOverTheCharacterLimitIsAnInputLimitException() =>
        Assert.Equal("field 'text' has 11 characters, over the limit of 10", Assert.Throws<InputLimitException>(() =>
            ConversationJsonReader.ReadUtterance("{\"text\": \"12345678901\"}"u8.ToArray(), Source, Small)).Message);

    [Fact]
    public void AnUtteranceAloneIsReadLikeOneInAConversation()
    {
        var utterance = ConversationJsonReader.ReadUtterance("{\"speaker\": \"\", \"text\": \"hi\", \"label\": \"sd\"}"u8.ToArray(), Source, Small);
        Assert.Equal(new Utterance(null, "hi", null), utterance);
        Assert.Equal("request body is empty (expected a JSON object)",
            Assert.Throws<DialogueActsException>(() => ConversationJsonReader.ReadUtterance(" "u8.ToArray(), Source, Small)).Message);
    }

    [Fact]
    public void AtTheLimitsIsAccepted()
    {
        string json = "{\"id\": \"a\", \"utterances\": [{\"text\": \"1234567890\"}, {\"text\": \"\"}, {\"text\": \"x\"}]}";
        Assert.Equal(3, Request(json).Utterances.Count);
        Assert.Equal(3, Corpus(json, out _)[0].Utterances.Count);
    }

    [Fact]
    public void AMissingIdIsRefusedInACorpusAndBecomesTheIndexInARequest()
    {
        string json = "{\"utterances\": [{\"text\": \"x\"}]}";
        AssertFails($"{_temp.PathOf("c.jsonl")}:1: missing field 'id'", () => Corpus(json, out _));
        AssertFails($"{_temp.PathOf("c.jsonl")}:1: field 'id' must be a string, got null", () => Corpus("{\"id\": null, \"utterances\": [{\"text\": \"x\"}]}", out _));
        Assert.Equal("0", Request(json).Id);
        Assert.Equal("0", Request("{\"id\": null, \"utterances\": [{\"text\": \"x\"}]}").Id);
        Assert.Equal("c1", Request("{\"id\": \"c1\", \"utterances\": [{\"text\": \"x\"}]}").Id);

        byte[] batch = Encoding.UTF8.GetBytes($"{{\"conversations\": [{json}, {{\"id\": \"b\", \"utterances\": [{{\"text\": \"y\"}}]}}, {json}]}}");
        Assert.Equal(["0", "b", "2"], ConversationJsonReader.ReadConversations(batch, Source, Small, maxConversations: 3).Select(c => c.Id));
    }

    [Fact]
    public void ARequestIgnoresLabelsWhereACorpusReadsThem()
    {
        string json = "{\"id\": \"a\", \"utterances\": [{\"speaker\": \"\", \"text\": \"x\", \"label\": \"sd\"}, {\"text\": \"y\", \"label\": 5}]}";
        Assert.Equal([new Utterance(null, "x", null), new Utterance(null, "y", null)], Request(json).Utterances);
        AssertFails($"{_temp.PathOf("c.jsonl")}:1: field 'utterances[1].label' must be a string, got number", () => Corpus(json, out _));
        Assert.Equal(new Utterance(null, "x", "sd"), Corpus(json.Replace("5", "\"b\""), out _)[0].Utterances[0]);
    }

    [Theory]
    [InlineData("", "request body is empty (expected a JSON object)")]
    [InlineData(" \r\n", "request body is empty (expected a JSON object)")]
    [InlineData("{\"utterances\": [{\"text\": \"a\",}]}", "request body is not valid JSON at line 1, byte 30: The JSON object contains a trailing comma at the end which is not supported in this mode")]
    [InlineData("{\n\"utterances\": }", "request body is not valid JSON at line 2, byte 15: '}' is an invalid start of a value")]
    [InlineData("{\"a\": 1, \"a\": 2}", "request body is not valid JSON: Duplicate property 'a' encountered during deserialization")]
    [InlineData("{\"u\\ud800\": 1}", "request body is not valid JSON: a key is not valid text (a \\u escape is an unpaired UTF-16 surrogate)")]
    public void AMalformedDocumentIsNamedBySourceName(string json, string message)
    {
        AssertFails(message, () => Request(json));
    }

    [Fact]
    public void InvalidUtf8NamesTheOffset()
    {
        byte[] body = [.. "{\"utterances\":[{\"text\":\"caf"u8, 0xC3, 0x28, .. "\"}]}"u8];
        AssertFails("request body is not valid UTF-8 (invalid bytes at offset 27)",
            () => ConversationJsonReader.ReadConversation(body, Source, Small));
    }

    [Fact]
    public void ABatchChecksItsShapeAndItsCount()
    {
        Conversation[] Read(string json, int max = 2) =>
            [.. ConversationJsonReader.ReadConversations(Encoding.UTF8.GetBytes(json), Source, Small, max)];
        string one = "{\"utterances\": [{\"text\": \"x\"}]}";
        AssertFails("missing field 'conversations'", () => Read("{}"));
        AssertFails("field 'conversations' is empty (a batch needs at least one conversation)", () => Read("{\"conversations\": []}"));
        AssertFails("field 'conversations[1]' must be an object, got string", () => Read($"{{\"conversations\": [{one}, \"x\"]}}"));
        AssertFails("field 'conversations[0].utterances[0].text' must be a string, got number", () => Read("{\"conversations\": [{\"utterances\": [{\"text\": 1}]}]}"));
        Assert.Equal("field 'conversations' has 3 conversations, over the limit of 2",
            Assert.Throws<InputLimitException>(() => Read($"{{\"conversations\": [{one}, {one}, {one}]}}")).Message);
        Assert.Equal("field 'conversations[0].utterances' has 4 utterances, over the limit of 3",
            Assert.Throws<InputLimitException>(() => Read("{\"conversations\": [{\"utterances\": [{\"text\": \"1\"}, {\"text\": \"2\"}, {\"text\": \"3\"}, {\"text\": \"4\"}]}]}")).Message);
    }

    [Fact]
    public void TheCsvReaderAppliesTheSameLimits()
    {
        string header = "conversation_id,utterance_index,speaker,text,label\n";
        string path = _temp.Write("c.csv", header + "a,0,A,x,sd\nb,0,A,x,sd\na,1,A,12345678901,sd\n");
        Assert.Equal($"{path}:4: column 'text' has 11 characters, over the limit of 10",
            Assert.Throws<InputLimitException>(() => CorpusReader.Read(path, new ColumnMapping(), false, limits: Small)).Message);

        path = _temp.Write("d.csv", header + "x,0,A,x,sd\na,3,A,x,sd\na,0,A,x,sd\na,1,A,x,sd\na,2,A,x,sd\n");
        Assert.Equal($"{path}:3: conversation 'a' has 4 utterances, over the limit of 3",
            Assert.Throws<InputLimitException>(() => CorpusReader.Read(path, new ColumnMapping(), false, limits: Small)).Message);
    }

    [Fact]
    public void LimitsBelowOneAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConversationLimits { MaxUtterancesPerConversation = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConversationLimits { MaxCharactersPerUtterance = -1 });
    }
}
