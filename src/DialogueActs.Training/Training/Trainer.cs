using DialogueActs.Training.Configuration;
using DialogueActs.Data;
using DialogueActs.Training.Evaluation;
using DialogueActs.Inference;
using DialogueActs.Text;
using TorchSharp;

namespace DialogueActs.Training;

/// <summary>
/// Trains a tagger from an experiment config: reads the corpora, builds the vocabulary and labels,
/// trains with seeded shuffling and chunking, validates every epoch, stops early on validation
/// accuracy, writes the best model atomically to <c>DIR/model.zip</c>, logs <c>DIR/metrics.jsonl</c>,
/// checkpoints every epoch for <c>--resume</c>, fits the temperature of the best model's confidences on the validation
/// split (<see cref="ModelCalibrator"/>), and finally evaluates the best model. The output folder is locked
/// while it runs (<see cref="OutputFolderLock"/>): a second trainer on the same folder fails at once.
/// </summary>
/// <remarks>
/// The trainer composes parts: <see cref="TrainingData"/> prepares the data, <see cref="TrainingModel"/>
/// builds the model, <see cref="EpochRunner"/> runs each epoch, and callbacks act after every batch and
/// epoch (early stopping with the learning-rate schedule, the time budget, the epoch limit, then the best-model
/// saver, the metrics log and the checkpointer, in that order).
/// </remarks>
public sealed class Trainer
{
    /// <summary>File name of the best model inside the output directory.</summary>
    public const string ModelFileName = "model.zip";

    /// <summary>File name of the per-epoch metrics log.</summary>
    public const string MetricsFileName = "metrics.jsonl";

    /// <summary>File name of the resume checkpoint.</summary>
    public const string CheckpointFileName = "checkpoint.zip";

    private readonly ExperimentConfig _config;
    private readonly string _outDir;
    private readonly ITrainingObserver _observer;

    /// <summary>Fault injection for tests: runs after each batch's backward pass with (epoch, batch from 1, model).</summary>
    internal Action<int, int, Modeling.HierarchicalTagger>? AfterBackward { get; init; }

    /// <summary>
    /// Resources the model's features need (<see cref="Modeling.ModelFeature.Resources"/>), made by the caller: for example
    /// the sentence encoder a config with <c>model.sentenceEncoder</c> names. Not disposed by the trainer.
    /// </summary>
    public IReadOnlyList<object> Resources { get; init; } = [];

    /// <summary>Providers that create the resources not given in <see cref="Resources"/>; the trainer disposes what they create.</summary>
    public IReadOnlyList<Modeling.IFeatureResourceProvider> ResourceProviders { get; init; } = [];

    /// <summary>Creates a trainer.</summary>
    public Trainer(ExperimentConfig config, string outDir, ITrainingObserver observer)
    {
        _config = config;
        _outDir = Path.GetFullPath(outDir);
        _observer = observer;
    }

    /// <summary>
    /// Runs training to the end (epochs, early stopping or the time budget), then evaluates the best model. It changes
    /// no process-wide setting: the caller sets libtorch's thread count (<c>torch.set_num_threads</c>, for example to
    /// <see cref="TrainingOptions.Threads"/>) and tunes native memory (<see cref="NativeMemory.Tune"/> with
    /// <see cref="AllocatorProfile.Training"/>, which keeps freed tensor memory for reuse) before it, as <c>dialogue-acts train</c> does.
    /// </summary>
    /// <param name="resume">Continue from <c>DIR/checkpoint.zip</c> when it exists.</param>
    /// <param name="cancellationToken">Stops after the current batch; the last completed epoch stays resumable.</param>
    public TrainingResult Run(bool resume, CancellationToken cancellationToken = default)
    {
        var training = _config.Training;
        AtomicFile.EnsureFolder(_outDir);
        using var folderLock = OutputFolderLock.Acquire(_outDir);                                         // one training per folder, until this run ends
        var config = _config;
        var data = TrainingData.Prepare(config, _observer, features => Modeling.FeatureResources.Resolve(features, Resources, ResourceProviders,
            Pretrained.TrainingCache.Wrap(config.Training.SentenceCache ?? TrainingOptions.DefaultSentenceCache)));
        using var resources = data.Resources;
        using var model = TrainingModel.Create(config, data, _observer);
        var context = new TrainingContext(config, data, model, TrainingModel.CreateOptimizer(model, training), _observer)
        {
            State = new TrainingState { ConfigSha256 = Fingerprint.OfText(config.ToJson()), CorpusSha256 = Fingerprint.OfFile(config.Data.Train) },
        };
        var checkpointer = new Checkpointer(OutPath(CheckpointFileName));
        var callbacks = Callbacks(checkpointer);

        checkpointer.Resume(context, resume);
        foreach (var callback in callbacks) callback.OnStart(context);
        TrainEpochs(context, callbacks, cancellationToken);
        string stopReason = context.State.StopReason ?? new EpochLimit(training.Epochs).Reason;
        _observer.Log($"stopped: {stopReason}; best epoch {context.State.BestEpoch}");
        Calibrate(context);
        return Evaluate(context, stopReason);
    }

    /// <summary>Fits the temperature of the best model's confidences on the validation split and stores it in <c>model.zip</c> (<see cref="ModelCalibrator"/>).</summary>
    private void Calibrate(TrainingContext context)
    {
        if (context.Data.Valid is not { } valid) return;
        if (ModelCalibrator.Calibrate(OutPath(ModelFileName), valid, _config.Data.Valid!, OutPath(ModelFileName), context.Data.TaggerOptions) is not { } calibration)
        {
            _observer.Log("not calibrated: no valid utterance has a label the model knows");
            return;
        }
        string after = calibration.CrossFitted is { } crossFitted
            ? FormattableString.Invariant($"{crossFitted.Ece:0.0000} after (2-fold cross-fitted)")
            : FormattableString.Invariant($"{calibration.After.Ece:0.0000} after");
        _observer.Log(FormattableString.Invariant($"calibrated: temperature {calibration.Temperature:0.000}; valid ECE {calibration.Before.Ece:0.0000} before, {after}"));
    }

    /// <summary>The callbacks in their order: the ones that decide an epoch's fate before the ones that write it.</summary>
    private ITrainingCallback[] Callbacks(Checkpointer checkpointer)
    {
        var training = _config.Training;
        return
        [
            new EarlyStopping(training),
            new TimeBudget(training.MaxMinutes),
            new EpochLimit(training.Epochs),
            new BestModelSaver(OutPath(ModelFileName)),
            new MetricsLog(OutPath(MetricsFileName)),
            checkpointer,
        ];
    }

    private void TrainEpochs(TrainingContext context, IReadOnlyList<ITrainingCallback> callbacks, CancellationToken cancellationToken)
    {
        var runner = new EpochRunner(context, callbacks, AfterBackward);
        while (!context.State.Finished && context.State.EpochsCompleted < _config.Training.Epochs)
        {
            var metrics = runner.Run(context.State.EpochsCompleted + 1, cancellationToken);
            context.State = context.State with
            {
                EpochsCompleted = metrics.Epoch,
                ElapsedSeconds = context.State.ElapsedSeconds + metrics.Seconds + metrics.ValidSeconds,
            };
            var end = new EpochEnd(metrics);
            foreach (var callback in callbacks) callback.OnEpoch(context, end);
            _observer.EpochCompleted(end.Metrics);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Evaluates the saved best model, through the same code that serves it, on the validation and test splits.</summary>
    private TrainingResult Evaluate(TrainingContext context, string stopReason)
    {
        string modelPath = OutPath(ModelFileName);
        using var best = DialogueActTagger.Load(modelPath, context.Data.TaggerOptions);
        var data = context.Data;
        var valid = data.Valid is null ? null : EvaluateAndWrite(best, data.Valid, _config.Data.Valid!, "valid");
        var test = data.Test is null ? null : EvaluateAndWrite(best, data.Test, _config.Data.Test!, "test");
        var state = context.State;
        return new TrainingResult(modelPath, state.EpochsCompleted, state.BestEpoch, stopReason, valid, test, state.ElapsedSeconds);
    }

    private ClassificationReport EvaluateAndWrite(DialogueActTagger tagger, IReadOnlyList<Conversation> data, string source, string name)
    {
        var report = TaggerEvaluator.EvaluateWithCalibration(tagger, data, source, EvaluationMode.Offline);
        ReportWriter.Write(report, Path.Combine(_outDir, name), new ReportDetails
        {
            Model = OutPath(ModelFileName), Data = source, Epochs = MetricsLog.Read(OutPath(MetricsFileName)),
        });
        _observer.Log($"{name}: accuracy {report.Accuracy:P2}, macro-F1 {report.MacroF1:P2} on {report.UtteranceCount:N0} utterances; report in {Path.Combine(_outDir, name)}");
        return report;
    }

    private string OutPath(string fileName) => Path.Combine(_outDir, fileName);
}
