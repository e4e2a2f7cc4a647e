using DialogueActs.Training.Configuration;
using DialogueActs.Modeling;
using TorchSharp.Modules;

namespace DialogueActs.Training;

/// <summary>
/// What the parts of a training run share: the config, the data, the model and its optimiser, the
/// observer and the bookkeeping that <c>checkpoint.zip</c> saves.
/// </summary>
internal sealed class TrainingContext
{
    /// <summary>Creates the context of a run that has not started (an empty <see cref="State"/>).</summary>
    public TrainingContext(ExperimentConfig config, TrainingData data, HierarchicalTagger model, OptimizerHelper optimizer, ITrainingObserver observer)
    {
        Config = config;
        Data = data;
        Model = model;
        Optimizer = optimizer;
        Observer = observer;
    }

    /// <summary>The experiment config.</summary>
    public ExperimentConfig Config { get; }

    /// <summary>The training settings.</summary>
    public TrainingOptions Training => Config.Training;

    /// <summary>The corpora, vocabulary and labels.</summary>
    public TrainingData Data { get; }

    /// <summary>The model being trained.</summary>
    public HierarchicalTagger Model { get; }

    /// <summary>The model's optimiser.</summary>
    public OptimizerHelper Optimizer { get; }

    /// <summary>Receives progress and log lines.</summary>
    public ITrainingObserver Observer { get; }

    /// <summary>The bookkeeping after the last completed epoch (during an epoch's callbacks: after this epoch).</summary>
    public TrainingState State { get; set; } = new();

    /// <summary>Ends the run after this epoch; the first reason given is kept.</summary>
    public void Stop(string reason) => State = State with { Finished = true, StopReason = State.StopReason ?? reason };

    /// <summary>
    /// Sets the learning rate: <paramref name="rate"/> for the weights that start from scratch, and for fine-tuned
    /// pretrained weights (the optimiser's second group, when there is one) <c>training.encoderLearningRate</c> scaled
    /// alike, times the warm-up factor of the last step (<see cref="WarmUp"/>).
    /// </summary>
    public void SetLearningRate(double rate)
    {
        _rate = rate;
        Apply();
    }

    /// <summary>Before optimiser step <paramref name="step"/> (from 1, counted over the whole run): the fine-tuned weights' warm-up.</summary>
    public void WarmUp(long step)
    {
        _warmUp = Training.EncoderWarmupSteps == 0 ? 1 : Math.Min(1.0, (double)step / Training.EncoderWarmupSteps);
        Apply();
    }

    private double? _rate;
    private double _warmUp;

    private void Apply()
    {
        var groups = Optimizer.ParamGroups.ToArray();
        double rate = _rate ?? Training.LearningRate;
        groups[0].LearningRate = rate;
        for (int i = 1; i < groups.Length; i++) groups[i].LearningRate = Training.EncoderLearningRate * (rate / Training.LearningRate) * _warmUp;
    }
}
