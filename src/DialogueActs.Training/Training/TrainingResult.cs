using DialogueActs.Training.Evaluation;

namespace DialogueActs.Training;

/// <summary>What a training run produced.</summary>
/// <param name="ModelPath">Path of the best model's <c>model.zip</c>.</param>
/// <param name="EpochsCompleted">Epochs run, in this and earlier (resumed) sessions.</param>
/// <param name="BestEpoch">Epoch whose weights are in the model file.</param>
/// <param name="StopReason">Why training stopped.</param>
/// <param name="Valid">The best model's report on the validation split, or null.</param>
/// <param name="Test">The best model's report on the test split, or null.</param>
/// <param name="TrainSeconds">Wall time spent training, over all sessions of the run.</param>
public sealed record TrainingResult(string ModelPath, int EpochsCompleted, int BestEpoch, string StopReason,
    ClassificationReport? Valid, ClassificationReport? Test, double TrainSeconds);
