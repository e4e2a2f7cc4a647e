namespace DialogueActs.Training;

/// <summary>A training batch that just finished, as the callbacks see it.</summary>
/// <param name="Epoch">Epoch number, from 1.</param>
/// <param name="Batch">Batch number within the epoch, from 1.</param>
/// <param name="Batches">Batches in the epoch.</param>
/// <param name="EpochSeconds">Training wall time of the epoch so far.</param>
internal sealed record BatchEnd(int Epoch, int Batch, int Batches, double EpochSeconds)
{
    /// <summary>Whether a callback asked to end the epoch after this batch.</summary>
    public bool EpochStopRequested { get; private set; }

    /// <summary>Ends the epoch after this batch (it then counts as partial).</summary>
    public void StopEpoch() => EpochStopRequested = true;
}
