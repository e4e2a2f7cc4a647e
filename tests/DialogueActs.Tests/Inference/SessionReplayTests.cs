using DialogueActs.Data;
using DialogueActs.Inference;

namespace DialogueActs.Tests.Inference;

[Collection(CausalModelCollection.Name)]
public sealed class SessionReplayTests
{
    private readonly CausalModelFixture _fixture;

    public SessionReplayTests(CausalModelFixture fixture) => _fixture = fixture;

    /// <summary>What each <see cref="IDialogueActSession.Add"/> of a session returned, per utterance, and everything revised.</summary>
    private (List<SessionTag> Added, List<RevisedTag> Revised) Stream(Conversation conversation, int lag)
    {
        using var session = _fixture.Tagger.StartSession(lag);
        var added = conversation.Utterances.Select(u => session.Add(u.Speaker, u.Text)).ToList();
        var revised = added.SelectMany(a => a.Revised).Concat(session.End()).ToList();
        return (added, revised);
    }

    [Fact]
    public void AtAFullLagTheLabelsAreTheOfflineViterbiPath()
    {
        var conversations = _fixture.Valid();
        int longest = conversations.Max(c => c.Utterances.Count);
        var offline = _fixture.Tagger.TagMany(conversations);
        var online = SessionReplay.Tag(_fixture.Tagger, conversations, lag: longest);
        var atLagZero = SessionReplay.Tag(_fixture.Tagger, conversations, lag: 0);

        Assert.Equal(conversations.Select(c => c.Id), online.Select(t => t.Id));
        for (int c = 0; c < conversations.Count; c++)
            Assert.Equal(offline[c].Utterances.Select(u => u.Label), online[c].Utterances.Select(u => u.Label));
        // The revisions matter: somewhere the labels of the first answers differ from the Viterbi path.
        Assert.Contains(Enumerable.Range(0, conversations.Count),
            c => !offline[c].Utterances.Select(u => u.Label).SequenceEqual(atLagZero[c].Utterances.Select(u => u.Label)));
    }

    [Fact]
    public void AtLagZeroEachUtteranceKeepsTheAnswerOfItsAdd()
    {
        var conversations = _fixture.Valid();
        var online = SessionReplay.Tag(_fixture.Tagger, conversations, lag: 0);
        Assert.Equal(conversations.Count, online.Count);
        for (int c = 0; c < conversations.Count; c++)
        {
            var (added, revised) = Stream(conversations[c], lag: 0);
            Assert.Empty(revised);
            Assert.Equal(added.Count, online[c].Utterances.Count);
            for (int i = 0; i < added.Count; i++)
            {
                var tag = online[c].Utterances[i];
                Assert.Equal(added[i].Label, tag.Label);
                Assert.Equal(added[i].Confidence, tag.Confidence, 1e-9);
                Assert.Equal(added[i].Top.Select(s => s.Label), tag.Top.Select(s => s.Label));
            }
        }
    }

    [Fact]
    public void WithALagTheLastRevisionSetsLabelAndConfidenceAndTopStaysTheFirstAnswers()
    {
        var conversations = _fixture.Valid();
        const int lag = 2;
        var online = SessionReplay.Tag(_fixture.Tagger, conversations, lag);
        int revisedCount = 0;
        for (int c = 0; c < conversations.Count; c++)
        {
            var (added, revised) = Stream(conversations[c], lag);
            revisedCount += revised.Count;
            for (int i = 0; i < added.Count; i++)
            {
                var last = revised.LastOrDefault(r => r.Index == i);
                var tag = online[c].Utterances[i];
                Assert.Equal(last?.Label ?? added[i].Label, tag.Label);
                Assert.Equal(last?.Confidence ?? added[i].Confidence, tag.Confidence, 1e-9);
                Assert.Equal(added[i].Top.Select(s => (s.Label, s.Probability)), tag.Top.Select(s => (s.Label, s.Probability)));
            }
        }
        Assert.True(revisedCount > 0, "no label was revised at lag 2: the test checks nothing");
    }

    [Fact]
    public void AnEmptyConversationIsRefusedAsTaggingRefusesIt()
    {
        var empty = new Conversation("e1", []);
        var offline = Assert.Throws<DialogueActsException>(() => _fixture.Tagger.TagMany([empty]));
        var online = Assert.Throws<DialogueActsException>(() => SessionReplay.Tag(_fixture.Tagger, [empty], lag: 1));
        Assert.Equal(offline.Message, online.Message);
    }

    [Fact]
    public void ANegativeLagIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionReplay.Tag(_fixture.Tagger, _fixture.Valid(), lag: -1));
}
