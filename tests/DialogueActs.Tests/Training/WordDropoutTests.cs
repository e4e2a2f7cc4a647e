using DialogueActs.Text;
using DialogueActs.Training;

namespace DialogueActs.Tests.Training;

public sealed class WordDropoutTests
{
    private static EncodedConversation[] Batch()
    {
        var random = new Random(7);
        return Enumerable.Range(0, 4).Select(c => new EncodedConversation($"c{c}",
            Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, 10).Select(_ => random.Next(0, 40)).ToArray()).ToArray(),
            new int[50], new int[50])).ToArray();
    }

    private static IEnumerable<int> Ids(EncodedConversation[] batch) => batch.SelectMany(c => c.Tokens).SelectMany(u => u);

    [Fact]
    public void DroppedWordsBecomeUnknownAtAboutTheRateAndReservedIdsStay()
    {
        var batch = Batch();
        var before = Ids(batch).ToArray();
        var after = Ids(new WordDropout(0.25).Apply(batch, new Random(3))).ToArray();

        Assert.Equal(before, Ids(batch));                                                                   // the input is not changed
        var pairs = before.Zip(after).ToArray();
        Assert.All(pairs.Where(p => p.First < Vocabulary.ReservedCount), p => Assert.Equal(p.First, p.Second));
        Assert.All(pairs.Where(p => p.First != p.Second), p => Assert.Equal(Vocabulary.UnknownId, p.Second));
        var droppable = pairs.Where(p => p.First >= Vocabulary.ReservedCount).ToArray();
        double rate = droppable.Count(p => p.Second == Vocabulary.UnknownId) / (double)droppable.Length;
        Assert.InRange(rate, 0.20, 0.30);                                                                   // ~1,850 draws: 4 standard deviations either side
    }

    [Fact]
    public void TheSameGeneratorDropsTheSameWords()
    {
        var dropout = new WordDropout(0.3);
        Assert.Equal(Ids(dropout.Apply(Batch(), new Random(11))), Ids(dropout.Apply(Batch(), new Random(11))));
        Assert.NotEqual(Ids(dropout.Apply(Batch(), new Random(11))), Ids(dropout.Apply(Batch(), new Random(12))));
    }
}
