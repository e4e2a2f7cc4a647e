using DialogueActs.Data;
using DialogueActs.Inference;

namespace DialogueActs.Tests.Inference;

[Collection(CausalModelCollection.Name)]
public sealed class SessionReplayTests
{
    private readonly CausalModelFixture _fixture;

    public SessionReplayTests(CausalModelFixture fixture) => _fixture = fixture;

    /// <summary>What each <see cref="IDialogueActSession.Add"/> of a session of the tiny model returned, per utterance, and everything revised.</summary>
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
    public void TheLastRevisionSetsLabelAndConfidenceAndTopStaysTheFirstAnswers()
    {
        // The tiny model never revises (its corpus needs no look-ahead), so a scripted session gives the revisions.
        LabelScore[] Top(string label) => [new(label, 0.5), new("c", 0.25)];
        var tagger = new ScriptedTagger(
            [
                new SessionTag(0, "a", 0.6, Top("a"), []),
                new SessionTag(1, "a", 0.7, Top("a"), [new RevisedTag(0, "b", 0.55)]),
                new SessionTag(2, "b", 0.8, Top("b"), [new RevisedTag(0, "c", 0.52), new RevisedTag(1, "b", 0.51)]),
                new SessionTag(3, "a", 0.9, Top("a"), []),
            ],
            end: [new RevisedTag(2, "c", 0.65), new RevisedTag(3, "b", 0.75)]);
        var conversation = new Conversation("s1", [new Utterance("A", "one", null), new Utterance(null, "two", null),
            new Utterance("B", "three", null), new Utterance("A", "four", null)]);

        var tagged = Assert.Single(SessionReplay.Tag(tagger, [conversation], lag: 2));

        Assert.Equal("s1", tagged.Id);
        Assert.Equal(["c", "b", "c", "b"], tagged.Utterances.Select(u => u.Label));
        Assert.Equal([0.52, 0.51, 0.65, 0.75], tagged.Utterances.Select(u => u.Confidence));
        Assert.Equal(["a", "a", "b", "a"], tagged.Utterances.Select(u => u.Top[0].Label));
        Assert.Equal(2, tagger.Lag);
        Assert.Equal(conversation.Utterances.Select(u => (u.Speaker, u.Text)), tagger.Added);
        Assert.True(tagger.Ended);
        Assert.True(tagger.Disposed);
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
