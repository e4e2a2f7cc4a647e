namespace DialogueActs.Training;

/// <summary>An epoch that just finished, as the callbacks see it: the deciding callbacks complete its metrics.</summary>
internal sealed class EpochEnd(EpochMetrics metrics)
{
    /// <summary>The epoch's metrics; <see cref="EpochMetrics.Best"/> is set by early stopping.</summary>
    public EpochMetrics Metrics { get; set; } = metrics;

    /// <summary>Whether this epoch gave the best model so far.</summary>
    public bool Improved => Metrics.Best;
}
