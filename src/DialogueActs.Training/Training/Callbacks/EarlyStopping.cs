using DialogueActs.Training.Configuration;

namespace DialogueActs.Training;

/// <summary>
/// Tracks validation accuracy: marks the epochs that improve on the best so far (without a validation
/// split every epoch does), multiplies the learning rate by <c>training.learningRateDecay</c> after an
/// epoch without a gain, and stops the run after <c>training.patience</c> such epochs in a row.
/// </summary>
internal sealed class EarlyStopping(TrainingOptions training) : ITrainingCallback
{
    /// <summary>What one epoch's validation accuracy leads to.</summary>
    /// <param name="State">The bookkeeping after the epoch: best epoch and accuracy, epochs without a gain, learning rate.</param>
    /// <param name="Improved">The epoch is the best so far.</param>
    /// <param name="Decayed">The learning rate was lowered.</param>
    /// <param name="OutOfPatience">The run should stop.</param>
    public sealed record Judgement(TrainingState State, bool Improved, bool Decayed, bool OutOfPatience);

    /// <summary>Judges epoch <paramref name="epoch"/> with validation accuracy <paramref name="validAccuracy"/> (null: no validation split) after <paramref name="state"/>.</summary>
    public Judgement Judge(TrainingState state, int epoch, double? validAccuracy)
    {
        bool improved = validAccuracy is null || state.BestValidAccuracy is null || validAccuracy > state.BestValidAccuracy;
        int withoutGain = improved ? 0 : state.EpochsWithoutImprovement + 1;
        double learningRate = state.LearningRate ?? training.LearningRate;
        bool decayed = !improved && training.LearningRateDecay < 1;
        if (decayed) learningRate *= training.LearningRateDecay;
        var next = state with
        {
            BestEpoch = improved ? epoch : state.BestEpoch,
            BestValidAccuracy = improved ? validAccuracy : state.BestValidAccuracy,
            EpochsWithoutImprovement = withoutGain,
            LearningRate = learningRate,
        };
        return new Judgement(next, improved, decayed, training.Patience > 0 && withoutGain >= training.Patience);
    }

    /// <summary>Restores a resumed run's learning rate.</summary>
    public void OnStart(TrainingContext context)
    {
        if (context.State.LearningRate is double rate) context.SetLearningRate(rate);
    }

    /// <summary>Marks the epoch as best or not, lowers the learning rate or stops the run.</summary>
    public void OnEpoch(TrainingContext context, EpochEnd epoch)
    {
        var judgement = Judge(context.State, epoch.Metrics.Epoch, epoch.Metrics.ValidAccuracy);
        context.State = judgement.State;
        epoch.Metrics = epoch.Metrics with { Best = judgement.Improved };
        if (judgement.Decayed)
        {
            context.SetLearningRate(judgement.State.LearningRate!.Value);
            context.Observer.Log($"no validation gain: learning rate now {judgement.State.LearningRate:G3}");
        }
        if (judgement.OutOfPatience) context.Stop($"early stopping: no validation gain for {training.Patience} epochs");
    }
}
