namespace DialogueActs.Training;

/// <summary>Stops the run after <c>training.epochs</c> epochs.</summary>
/// <param name="epochs">The maximum number of epochs.</param>
internal sealed class EpochLimit(int epochs) : ITrainingCallback
{
    /// <summary>Why a run that used all its epochs stopped.</summary>
    public string Reason => $"completed {epochs} epochs";

    /// <summary>Stops the run at the last epoch.</summary>
    public void OnEpoch(TrainingContext context, EpochEnd epoch)
    {
        if (context.State.EpochsCompleted >= epochs) context.Stop(Reason);
    }
}
