using DialogueActs.Training;

namespace DialogueActs.Tests.Training;

public sealed class TimeBudgetTests
{
    [Fact]
    public void TheBudgetCountsEarlierSessionsAndEndsTheEpochOnlyWhenBatchesRemain()
    {
        using var harness = new CallbackHarness();
        var budget = new TimeBudget(maxMinutes: 1);
        harness.Context.State = harness.Context.State with { ElapsedSeconds = 50 };

        var early = new BatchEnd(Epoch: 2, Batch: 3, Batches: 10, EpochSeconds: 9.5);
        budget.OnBatch(harness.Context, early);
        Assert.False(early.EpochStopRequested);

        var spent = new BatchEnd(2, 4, 10, EpochSeconds: 10);
        budget.OnBatch(harness.Context, spent);
        Assert.True(spent.EpochStopRequested);
        Assert.Contains("time budget reached in epoch 2 after 4 of 10 batches", harness.Observer.Logs);

        var last = new BatchEnd(2, 10, 10, EpochSeconds: 20);
        budget.OnBatch(harness.Context, last);
        Assert.False(last.EpochStopRequested);                                                              // the epoch is complete anyway
    }

    [Theory]
    [InlineData(false, 30, false)]
    [InlineData(true, 30, true)]                                                                            // a partial epoch always stops the run
    [InlineData(false, 60, true)]
    public void TheRunStopsAfterAPartialEpochOrWhenTheBudgetIsSpent(bool partial, double seconds, bool stops)
    {
        using var harness = new CallbackHarness();
        harness.EndEpoch(new TimeBudget(maxMinutes: 1), epoch: 1, partial: partial, seconds: seconds);
        Assert.Equal(stops, harness.Context.State.Finished);
        Assert.Equal(stops ? "time budget of 1 minutes reached" : null, harness.Context.State.StopReason);
    }

    [Fact]
    public void WithoutABudgetNothingStops()
    {
        using var harness = new CallbackHarness();
        var budget = new TimeBudget(maxMinutes: null);
        var batch = new BatchEnd(1, 1, 2, EpochSeconds: 1e9);
        budget.OnBatch(harness.Context, batch);
        harness.EndEpoch(budget, epoch: 1, seconds: 1e9);
        Assert.False(batch.EpochStopRequested);
        Assert.False(harness.Context.State.Finished);
    }

    [Fact]
    public void TheFirstReasonToStopIsKept()
    {
        using var harness = new CallbackHarness(", \"patience\": 1");
        var end = harness.EndEpoch(new EpochLimit(epochs: 2), epoch: 1);
        Assert.False(harness.Context.State.Finished);
        harness.Context.Stop("early stopping: no validation gain for 1 epochs");
        new EpochLimit(epochs: 2).OnEpoch(harness.Context, end);
        new TimeBudget(maxMinutes: 1e-9).OnEpoch(harness.Context, end);
        Assert.Equal("early stopping: no validation gain for 1 epochs", harness.Context.State.StopReason);

        using var other = new CallbackHarness();
        other.EndEpoch(new EpochLimit(epochs: 2), epoch: 2);
        Assert.Equal("completed 2 epochs", other.Context.State.StopReason);
    }
}
