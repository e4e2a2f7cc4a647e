namespace DialogueActs.Training;

/// <summary>
/// The wall-clock budget of <c>training.maxMinutes</c>, over all sessions of a resumed run: ends the
/// epoch after the batch that exhausts it (the epoch is then partial) and stops the run.
/// </summary>
/// <param name="maxMinutes">The budget, or null for none.</param>
internal sealed class TimeBudget(double? maxMinutes) : ITrainingCallback
{
    private readonly double _seconds = maxMinutes is double minutes ? minutes * 60 : double.PositiveInfinity;

    /// <summary>Ends the epoch early when the budget is spent and batches remain.</summary>
    public void OnBatch(TrainingContext context, BatchEnd batch)
    {
        if (context.State.ElapsedSeconds + batch.EpochSeconds < _seconds || batch.Batch >= batch.Batches) return;
        batch.StopEpoch();
        context.Observer.Log($"time budget reached in epoch {batch.Epoch} after {batch.Batch} of {batch.Batches} batches");
    }

    /// <summary>Stops the run after a partial epoch or when the budget is spent.</summary>
    public void OnEpoch(TrainingContext context, EpochEnd epoch)
    {
        if (epoch.Metrics.Partial || context.State.ElapsedSeconds >= _seconds) context.Stop($"time budget of {maxMinutes} minutes reached");
    }
}
