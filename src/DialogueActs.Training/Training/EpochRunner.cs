using System.Diagnostics;
using DialogueActs.Training.Evaluation;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Text;
using TorchSharp;

namespace DialogueActs.Training;

/// <summary>
/// Runs one epoch: seeds it, shuffles the chunks into batches, takes a <see cref="TrainingStep"/> per batch (calling
/// the callbacks' <see cref="ITrainingCallback.OnBatch"/> after each), then validates.
/// </summary>
internal sealed class EpochRunner
{
    private readonly TrainingContext _context;
    private readonly IReadOnlyList<ITrainingCallback> _callbacks;
    private readonly TrainingStep _step;
    private int _epoch;
    private int _batch;

    /// <param name="context">The run.</param>
    /// <param name="callbacks">Called after every batch.</param>
    /// <param name="afterBackward">Fault injection for tests: runs after each backward pass with (epoch, batch from 1, model).</param>
    public EpochRunner(TrainingContext context, IReadOnlyList<ITrainingCallback> callbacks, Action<int, int, HierarchicalTagger>? afterBackward)
    {
        _context = context;
        _callbacks = callbacks;
        _step = new TrainingStep(context.Model, context.Optimizer, context.Training.GradientClip,
            afterBackward is null ? null : model => afterBackward(_epoch, _batch, model));
    }

    /// <summary>Trains and validates epoch <paramref name="epoch"/>.</summary>
    /// <exception cref="DialogueActsException">A step met a NaN or infinite value; the message names the epoch and batch.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; checked before every batch.</exception>
    public EpochMetrics Run(int epoch, CancellationToken cancellationToken)
    {
        var training = _context.Training;
        _epoch = epoch;
        var random = EpochBatches.Random(training.Seed, epoch);
        torch.manual_seed(EpochBatches.TorchSeed(training.Seed, epoch));
        var batches = EpochBatches.Shuffled(_context.Data.Encoded, training.ChunkLength, training.BatchSize, random);
        _context.Observer.EpochStarted(epoch, training.Epochs, batches.Length, batches.Sum(b => b.Sum(c => c.Length)));
        var pass = Train(batches, random, cancellationToken);
        var validation = Validate();
        return new EpochMetrics
        {
            Epoch = epoch,
            Loss = pass.Utterances == 0 ? 0 : pass.LossSum / pass.Utterances,
            ValidAccuracy = validation.Accuracy,
            ValidMacroF1 = validation.MacroF1,
            Seconds = pass.Seconds,
            ValidSeconds = validation.Seconds,
            UtterancesPerSecond = pass.Utterances / Math.Max(pass.Seconds, 1e-9),
            Utterances = pass.Utterances,
            Partial = pass.Partial,
            RssMib = ProcessMemory.CurrentRssMib(),
            PeakRssMib = ProcessMemory.PeakRssMib(),
        };
    }

    private TrainingPass Train(EncodedConversation[][] batches, Random random, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        _context.Model.train();
        double lossSum = 0;
        int utterances = 0;
        bool partial = false;
        for (_batch = 1; _batch <= batches.Length && !partial; _batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_context.Optimizer.ParamGroups.Count() > 1) _context.WarmUp((long)(_epoch - 1) * batches.Length + _batch);
            var (loss, count) = Step(batches[_batch - 1], batches.Length);
            lossSum += loss;
            utterances += count;
            _context.Observer.BatchCompleted(_epoch, _batch, batches.Length, utterances, lossSum / utterances);
            var end = new BatchEnd(_epoch, _batch, batches.Length, clock.Elapsed.TotalSeconds);
            foreach (var callback in _callbacks) callback.OnBatch(_context, end);
            partial = end.EpochStopRequested;
        }
        _context.Model.eval();
        return new TrainingPass(lossSum, utterances, clock.Elapsed.TotalSeconds, partial);
    }

    private (double LossSum, int Utterances) Step(EncodedConversation[] batch, int batches)
    {
        try
        {
            return _step.Run(batch);
        }
        catch (NonFiniteTrainingException ex)
        {
            string kept = _epoch == 1 ? "no epoch completed, so nothing was saved"
                : $"{Trainer.ModelFileName}, {Trainer.CheckpointFileName} and {Trainer.MetricsFileName} keep epoch {_epoch - 1}";
            throw new DialogueActsException($"training stopped at epoch {_epoch}, batch {_batch} of {batches}: {ex.Message}; {kept} " +
                                            "(lower training.learningRate or set training.gradientClip)", ex);
        }
    }

    private (double? Accuracy, double? MacroF1, double Seconds) Validate()
    {
        var clock = Stopwatch.StartNew();
        if (_context.Data.Valid is not { } valid) return (null, null, clock.Elapsed.TotalSeconds);
        _context.Observer.Validating(_epoch);
        var data = _context.Data;
        using var tagger = new DialogueActTagger(_context.Model, data.Encoder, data.Labels, new ModelMetadata(), data.TaggerOptions, ownsModel: false);
        var report = TaggerEvaluator.Evaluate(tagger, valid, _context.Config.Data.Valid!);
        return (report.Accuracy, report.MacroF1, clock.Elapsed.TotalSeconds);
    }

    private readonly record struct TrainingPass(double LossSum, int Utterances, double Seconds, bool Partial);
}
