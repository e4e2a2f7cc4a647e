namespace DialogueActs.Training;

/// <summary>
/// A part of the training run that acts at fixed points of the loop. The trainer calls the callbacks
/// in their order: at an epoch's end the ones that decide (early stopping, time budget, epoch limit)
/// come before the ones that write (best model, metrics, checkpoint).
/// </summary>
internal interface ITrainingCallback
{
    /// <summary>The run starts, after a resumed checkpoint (if any) restored <see cref="TrainingContext.State"/> and the weights.</summary>
    void OnStart(TrainingContext context) { }

    /// <summary>A batch's optimiser step succeeded.</summary>
    void OnBatch(TrainingContext context, BatchEnd batch) { }

    /// <summary>An epoch finished, validation included; <see cref="TrainingContext.State"/> already counts it.</summary>
    void OnEpoch(TrainingContext context, EpochEnd epoch) { }
}
