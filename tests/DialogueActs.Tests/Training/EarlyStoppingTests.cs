using DialogueActs.Training.Configuration;
using DialogueActs.Training;

namespace DialogueActs.Tests.Training;

public sealed class EarlyStoppingTests
{
    /// <summary>Judges a sequence of validation accuracies as the trainer would, epoch after epoch.</summary>
    private static List<EarlyStopping.Judgement> JudgeAll(TrainingOptions training, params double?[] accuracies)
    {
        var stopping = new EarlyStopping(training);
        var state = new TrainingState();
        var judgements = new List<EarlyStopping.Judgement>();
        for (int epoch = 1; epoch <= accuracies.Length; epoch++)
        {
            var judgement = stopping.Judge(state, epoch, accuracies[epoch - 1]);
            judgements.Add(judgement);
            state = judgement.State;
        }
        return judgements;
    }

    [Fact]
    public void OnlyAStrictGainImprovesAndEachEpochWithoutOneDecaysTheRateUntilPatienceRunsOut()
    {
        var judgements = JudgeAll(new TrainingOptions { LearningRate = 0.1, LearningRateDecay = 0.5, Patience = 3 },
            0.50, 0.60, 0.60, 0.55, 0.70, 0.65, 0.64, 0.69);

        Assert.Equal(new[] { true, true, false, false, true, false, false, false }, judgements.Select(j => j.Improved));
        Assert.Equal(new[] { false, false, true, true, false, true, true, true }, judgements.Select(j => j.Decayed));
        Assert.Equal(new[] { 0.1, 0.1, 0.05, 0.025, 0.025, 0.0125, 0.00625, 0.003125 }, judgements.Select(j => j.State.LearningRate!.Value));
        Assert.Equal(new[] { 0, 0, 1, 2, 0, 1, 2, 3 }, judgements.Select(j => j.State.EpochsWithoutImprovement));
        Assert.Equal(new[] { 1, 2, 2, 2, 5, 5, 5, 5 }, judgements.Select(j => j.State.BestEpoch));
        Assert.Equal(new[] { false, false, false, false, false, false, false, true }, judgements.Select(j => j.OutOfPatience));
        Assert.Equal(0.70, judgements[^1].State.BestValidAccuracy);
    }

    [Fact]
    public void PatienceZeroNeverStopsAndDecayOneKeepsTheRate()
    {
        var judgements = JudgeAll(new TrainingOptions { LearningRate = 0.01, LearningRateDecay = 1, Patience = 0 }, 0.9, 0.5, 0.4, 0.3, 0.2);
        Assert.All(judgements, j => Assert.False(j.OutOfPatience));
        Assert.All(judgements, j => Assert.Equal(0.01, j.State.LearningRate));
        Assert.Equal(4, judgements[^1].State.EpochsWithoutImprovement);
    }

    [Fact]
    public void WithoutAValidationSplitEveryEpochIsTheBest()
    {
        var judgements = JudgeAll(new TrainingOptions { Patience = 1, LearningRateDecay = 0.5 }, null, null, null);
        Assert.All(judgements, j => Assert.True(j.Improved && !j.Decayed && !j.OutOfPatience));
        Assert.Equal(3, judgements[^1].State.BestEpoch);
    }

    [Fact]
    public void AsACallbackItMarksTheBestEpochSetsTheOptimisersRateAndStopsTheRun()
    {
        using var harness = new CallbackHarness(", \"learningRateDecay\": 0.5, \"patience\": 2");
        var stopping = new EarlyStopping(harness.Context.Training);
        stopping.OnStart(harness.Context);
        Assert.Equal(0.1, harness.LearningRate);

        Assert.True(harness.EndEpoch(stopping, 1, validAccuracy: 0.8).Metrics.Best);
        Assert.False(harness.EndEpoch(stopping, 2, validAccuracy: 0.7).Metrics.Best);
        Assert.Equal(0.05, harness.LearningRate, 12);
        Assert.Contains("no validation gain: learning rate now 0.05", harness.Observer.Logs);
        Assert.False(harness.Context.State.Finished);

        harness.EndEpoch(stopping, 3, validAccuracy: 0.8);                                                  // equal is no gain
        Assert.True(harness.Context.State.Finished);
        Assert.Equal("early stopping: no validation gain for 2 epochs", harness.Context.State.StopReason);
        Assert.Equal(1, harness.Context.State.BestEpoch);
    }

    [Fact]
    public void OnStartRestoresAResumedRunsRate()
    {
        using var harness = new CallbackHarness();
        harness.Context.State = harness.Context.State with { LearningRate = 0.0125 };
        new EarlyStopping(harness.Context.Training).OnStart(harness.Context);
        Assert.Equal(0.0125, harness.LearningRate);
    }
}
