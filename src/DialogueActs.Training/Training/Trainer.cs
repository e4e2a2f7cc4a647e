using DialogueActs.Configuration;
using DialogueActs.Data;
using DialogueActs.Evaluation;
using DialogueActs.Inference;
using DialogueActs.Text;
using TorchSharp;

namespace DialogueActs.Training;

/// <summary>
/// Trains a tagger from an experiment config: reads the corpora, builds the vocabulary and labels,
/// trains with seeded shuffling and chunking, validates every epoch, stops early on validation
/// accuracy, writes the best model atomically to <c>DIR/model.zip</c>, logs <c>DIR/metrics.jsonl</c>,
/// checkpoints every epoch for <c>--resume</c>, and finally evaluates the best model.
/// </summary>
/// <remarks>
/// The trainer composes parts: <see cref="TrainingData"/> prepares the data, <see cref="TrainingModel"/>
/// builds the model, <see cref="EpochRunner"/> runs each epoch, and callbacks act after every batch and
/// epoch (weight averaging, early stopping with the learning-rate schedule, the time budget, the epoch
/// limit, then the best-model saver, the metrics log and the checkpointer, in that order).
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
    /// The sentence encoder a config with <c>model.sentenceEncoder</c> names (for example all-MiniLM-L6-v2 from the
    /// <c>DialogueActs.Onnx</c> package); its outputs are cached on disk in <c>training.sentenceCache</c>. Not disposed by the trainer.
    /// </summary>
    public ISentenceEncoder? SentenceEncoder { get; init; }

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
        var (config, sentenceEncoder) = SentenceEncoderSetup.Apply(_config, SentenceEncoder);
        using var cache = sentenceEncoder;                                                               // the config's model section now has the encoder's id
        var frozen = FrozenVectors(config);
        if (frozen is not null) config = config with { Model = frozen.ApplyTo(config.Model) };           // and the frozen table's size
        var data = TrainingData.Prepare(config, _observer, sentenceEncoder, frozen?.Vocabulary);
        using var model = TrainingModel.Create(config, data, _observer, frozen);
        var context = new TrainingContext(config, data, model, TrainingModel.CreateOptimizer(model, training), _observer)
        {
            State = new TrainingState { ConfigSha256 = Fingerprint.OfText(config.ToJson()), CorpusSha256 = Fingerprint.OfFile(config.Data.Train) },
        };
        using var average = training.WeightAveraging > 0 ? new WeightAverage(model, training.WeightAveraging) : null;
        var checkpointer = new Checkpointer(OutPath(CheckpointFileName), average is null ? [] : [average]);
        var callbacks = Callbacks(average, checkpointer);

        checkpointer.Resume(context, resume);
        foreach (var callback in callbacks) callback.OnStart(context);
        TrainEpochs(context, callbacks, cancellationToken);
        string stopReason = context.State.StopReason ?? new EpochLimit(training.Epochs).Reason;
        _observer.Log($"stopped: {stopReason}; best epoch {context.State.BestEpoch}");
        return Evaluate(context, stopReason);
    }

    /// <summary>Every vector of <c>tokenizer.glove</c> for <c>model.frozenVectors</c>, or null when that is off.</summary>
    private Pretrained.FrozenVectorFile? FrozenVectors(ExperimentConfig config)
    {
        if (!config.Model.FrozenVectors) return null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var file = Pretrained.FrozenVectorFile.Read(config.Tokenizer.Glove!);                          // validation requires tokenizer.glove
        _observer.Log($"frozen vectors: {file.Vocabulary.Count - Vocabulary.ReservedCount:N0} words × {file.Dimension} from {config.Tokenizer.Glove} in {clock.Elapsed.TotalSeconds:N1} s");
        return file;
    }

    /// <summary>The callbacks in their order: the ones that decide an epoch's fate before the ones that write it.</summary>
    private ITrainingCallback[] Callbacks(WeightAverage? average, Checkpointer checkpointer)
    {
        var training = _config.Training;
        ITrainingCallback[] parts =
        [
            new EarlyStopping(training),
            new TimeBudget(training.MaxMinutes),
            new EpochLimit(training.Epochs),
            new BestModelSaver(OutPath(ModelFileName)),
            new MetricsLog(OutPath(MetricsFileName)),
            checkpointer,
        ];
        return average is null ? parts : [average, .. parts];
    }

    private IBatchTransform[] BatchTransforms() =>
        _config.Training.WordDropout > 0 ? [new WordDropout(_config.Training.WordDropout)] : [];

    private void TrainEpochs(TrainingContext context, IReadOnlyList<ITrainingCallback> callbacks, CancellationToken cancellationToken)
    {
        var runner = new EpochRunner(context, callbacks, BatchTransforms(), AfterBackward);
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

    private ClassificationReport EvaluateAndWrite(IDialogueActTagger tagger, IReadOnlyList<Conversation> data, string source, string name)
    {
        var report = TaggerEvaluator.Evaluate(tagger, data, source);
        ReportWriter.Write(report, Path.Combine(_outDir, name));
        _observer.Log($"{name}: accuracy {report.Accuracy:P2}, macro-F1 {report.MacroF1:P2} on {report.UtteranceCount:N0} utterances; report in {Path.Combine(_outDir, name)}");
        return report;
    }

    private string OutPath(string fileName) => Path.Combine(_outDir, fileName);
}
