using System.Text;
using System.Text.Json;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Tests.Training;

namespace DialogueActs.Tests.Inference;

[Collection(TinyModelCollection.Name)]
public sealed class DialogueActTaggerTests
{
    private readonly TinyModelFixture _fixture;

    public DialogueActTaggerTests(TinyModelFixture fixture) => _fixture = fixture;

    private IReadOnlyList<Conversation> Valid() =>
        CorpusReader.Read(_fixture.ValidPath, new ColumnMapping { Label = "act" }, requireLabels: true);

    private static string Serialize(IEnumerable<TaggedConversation> tagged) => JsonSerializer.Serialize(tagged);

    [Fact]
    public void BatchedTaggingEqualsOneConversationAtATime()
    {
        using var tagger = DialogueActTagger.Load(_fixture.ModelPath);
        var conversations = Valid();
        var batched = tagger.TagMany(conversations);
        var single = conversations.Select(tagger.Tag).ToList();
        using var small = DialogueActTagger.Load(_fixture.ModelPath, new TaggerOptions { MaxUtterancesPerBatch = 7 });
        var smallBatches = small.TagMany(conversations);
        AssertSame(single, batched);
        AssertSame(single, smallBatches);
    }

    /// <summary>
    /// Labels must be identical; probabilities may differ in the last float32 bits, because BLAS
    /// sums in a different order for a different batch shape.
    /// </summary>
    private static void AssertSame(IReadOnlyList<TaggedConversation> expected, IReadOnlyList<TaggedConversation> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int c = 0; c < expected.Count; c++)
        {
            Assert.Equal(expected[c].Id, actual[c].Id);
            Assert.Equal(expected[c].Utterances.Select(u => u.Label), actual[c].Utterances.Select(u => u.Label));
            for (int i = 0; i < expected[c].Utterances.Count; i++)
            {
                var e = expected[c].Utterances[i];
                var a = actual[c].Utterances[i];
                Assert.Equal(e.Confidence, a.Confidence, 1e-5);
                Assert.Equal(e.Top.Select(s => s.Label), a.Top.Select(s => s.Label));
                for (int k = 0; k < e.Top.Count; k++) Assert.Equal(e.Top[k].Probability, a.Top[k].Probability, 1e-5);
            }
        }
    }

    [Fact]
    public void TwoLoadsOfTheSameFilePredictIdentically()
    {
        using var first = DialogueActTagger.Load(_fixture.ModelPath);
        using var second = DialogueActTagger.Load(_fixture.ModelPath);
        var conversations = Valid();
        Assert.Equal(Serialize(first.TagMany(conversations)), Serialize(second.TagMany(conversations)));
    }

    [Fact]
    public void TagsCarryConfidenceAndSortedTopAlternatives()
    {
        using var tagger = DialogueActTagger.Load(_fixture.ModelPath, new TaggerOptions { TopK = 3 });
        var conversation = new Conversation("x", new[]
        {
            new Utterance("A", "do you like music?", null),
            new Utterance("B", "", null),
            new Utterance("B", "yeah", null),
        });
        var tagged = tagger.Tag(conversation);
        Assert.Equal("x", tagged.Id);
        Assert.Equal(3, tagged.Utterances.Count);
        foreach (var u in tagged.Utterances)
        {
            Assert.Contains(u.Label, tagger.Labels);
            Assert.InRange(u.Confidence, 0.0, 1.0);
            Assert.Equal(3, u.Top.Count);
            Assert.True(u.Top.Zip(u.Top.Skip(1)).All(p => p.First.Probability >= p.Second.Probability));
            Assert.True(u.Top.Sum(s => s.Probability) <= 1.0 + 1e-5);
        }
    }

    [Fact]
    public void LimitsAreEnforcedWithClearErrors()
    {
        using var tagger = DialogueActTagger.Load(_fixture.ModelPath, new TaggerOptions { MaxUtterancesPerConversation = 2 });
        var three = new Conversation("long", Enumerable.Repeat(new Utterance(null, "hi", null), 3).ToArray());
        Assert.Equal("conversation 'long': has 3 utterances, over the limit of 2",
            Assert.Throws<DialogueActsException>(() => tagger.Tag(three)).Message);
        Assert.Equal("conversation 'empty': has no utterances",
            Assert.Throws<DialogueActsException>(() => tagger.Tag(new Conversation("empty", Array.Empty<Utterance>()))).Message);
    }

    [Fact]
    public void PredictionJsonlHasOneLinePerConversationWithLabelsConfidencesAndTop3()
    {
        using var tagger = DialogueActTagger.Load(_fixture.ModelPath);
        var conversations = Valid();
        using var output = new MemoryStream();
        PredictionWriter.Write(output, conversations, tagger.TagMany(conversations));
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(conversations.Count, lines.Length);
        for (int c = 0; c < lines.Length; c++)
        {
            using var json = JsonDocument.Parse(lines[c]);
            Assert.Equal(conversations[c].Id, json.RootElement.GetProperty("id").GetString());
            var utterances = json.RootElement.GetProperty("utterances").EnumerateArray().ToList();
            Assert.Equal(conversations[c].Utterances.Count, utterances.Count);
            for (int i = 0; i < utterances.Count; i++)
            {
                var u = utterances[i];
                Assert.Equal(conversations[c].Utterances[i].Text, u.GetProperty("text").GetString());
                Assert.Equal(conversations[c].Utterances[i].Speaker, u.GetProperty("speaker").GetString());
                Assert.Contains(u.GetProperty("label").GetString(), tagger.Labels);
                Assert.InRange(u.GetProperty("confidence").GetDouble(), 0, 1);
                Assert.Equal(3, u.GetProperty("top").GetArrayLength());
            }
        }
    }
}
