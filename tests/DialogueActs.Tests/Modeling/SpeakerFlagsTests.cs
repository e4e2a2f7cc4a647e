using DialogueActs.Text;
using DialogueActs.Modeling;
using TorchSharp;

namespace DialogueActs.Tests.Modeling;

public sealed class SpeakerFlagsTests
{
    private static EncodedConversation WithSpeakers(params int[] speakers) =>
        new("c", speakers.Select(_ => new[] { 3 }).ToArray(), null, speakers);

    [Fact]
    public void FlagKMarksADifferentSpeakerThanUtteranceTMinusK()
    {
        using var scope = torch.NewDisposeScope();
        using var batch = BatchBuilder.Build(new[] { WithSpeakers(0, 1, 0, 2, 2), WithSpeakers(5, 5) }, speakerWindow: 2);
        Assert.Equal(new long[] { 2, 5, 2 }, batch.Input(SpeakerChangeFeature.FeatureName)!.shape);
        var flags = batch.Input(SpeakerChangeFeature.FeatureName)!.data<float>().ToArray();
        float[] expected =
        {
            0, 0,   1, 0,   1, 0,   1, 1,   0, 1,   // 0 1 0 2 2
            0, 0,   0, 0,   0, 0,   0, 0,   0, 0,   // 5 5, then padding
        };
        Assert.Equal(expected, flags);
    }

    [Fact]
    public void WindowOneIsThePlainSpeakerChangeFlag()
    {
        using var scope = torch.NewDisposeScope();
        using var batch = BatchBuilder.Build(new[] { WithSpeakers(0, 0, 1, 0) });
        Assert.Equal(new float[] { 0, 0, 1, 1 }, batch.Input(SpeakerChangeFeature.FeatureName)!.data<float>().ToArray());
    }

    [Fact]
    public void AChunkLooksNoFurtherBackThanItsFirstUtterance()
    {
        var chunk = WithSpeakers(0, 1, 0, 2, 2).Slice(2, 3);                                        // speakers 0 2 2
        var flags = new float[2];
        var all = new List<float>();
        for (int t = 0; t < chunk.Length; t++)
        {
            chunk.SpeakerFlags(t, 2, flags);
            all.AddRange(flags);
        }
        Assert.Equal(new float[] { 0, 0, 1, 0, 0, 1 }, all);
    }

    [Fact]
    public void AModelRefusesABatchWithAnotherSpeakerWindow()
    {
        using var scope = torch.NewDisposeScope();
        var model = ModelFixtures.Model(ModelFixtures.SmallOptions(speaker: true, speakerWindow: 3));
        using var batch = BatchBuilder.Build(new[] { WithSpeakers(0, 1) }, speakerWindow: 2);
        var error = Assert.Throws<ArgumentException>(() => model.call(batch));
        Assert.StartsWith("This model uses a speaker window of 3, but the batch has 2 speaker flags.", error.Message);
    }
}
