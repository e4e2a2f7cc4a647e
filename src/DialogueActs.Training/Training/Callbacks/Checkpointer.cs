namespace DialogueActs.Training;

/// <summary>
/// <c>checkpoint.zip</c>: written after every epoch (after the model and the metrics), read back by
/// <see cref="Resume"/> so that a resumed run equals an uninterrupted one.
/// </summary>
/// <param name="path">The checkpoint file.</param>
internal sealed class Checkpointer(string path) : ITrainingCallback
{
    /// <summary>
    /// With <paramref name="resume"/> and a checkpoint, restores the weights, the optimiser and
    /// <see cref="TrainingContext.State"/>; otherwise deletes any old checkpoint so the run starts anew.
    /// The context's state must name the config and the training data (their SHA-256), which must match the checkpoint's.
    /// </summary>
    /// <exception cref="DialogueActsException">The config or the data changed, or the checkpoint is corrupt or does not fit the model.</exception>
    public void Resume(TrainingContext context, bool resume)
    {
        if (!resume || !File.Exists(path))
        {
            if (resume) context.Observer.Log($"nothing to resume in {Path.GetDirectoryName(path)}; starting a new run");
            AtomicFile.Delete(path);
            return;
        }
        var state = TrainingCheckpoint.ReadState(path);
        if (state.ConfigSha256 != context.State.ConfigSha256 || state.CorpusSha256 != context.State.CorpusSha256)
            throw new DialogueActsException($"{path}: cannot resume: the config or the training data changed since this run started");
        TrainingCheckpoint.Restore(path, context.Model, context.Optimizer);
        context.State = state;
        context.Observer.Log($"resuming after epoch {state.EpochsCompleted} (best epoch {state.BestEpoch})");
    }

    /// <summary>Writes the checkpoint of the epoch.</summary>
    public void OnEpoch(TrainingContext context, EpochEnd epoch) =>
        TrainingCheckpoint.Write(path, context.State, context.Model, context.Optimizer);
}
