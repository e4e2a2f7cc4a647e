using DialogueActs.Pretrained;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DialogueActs.Configuration;
using DialogueActs.Data;
using DialogueActs.Evaluation;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Training;

/// <summary>
/// Trains a tagger from an experiment config: reads the corpora, builds the vocabulary and labels,
/// trains with seeded shuffling and chunking, validates every epoch, stops early on validation
/// accuracy, writes the best model atomically to <c>DIR/model.zip</c>, logs <c>DIR/metrics.jsonl</c>,
/// checkpoints every epoch for <c>--resume</c>, and finally evaluates the best model.
/// </summary>
public sealed class Trainer
{
    /// <summary>File name of the best model inside the output directory.</summary>
    public const string ModelFileName = "model.zip";

    /// <summary>File name of the per-epoch metrics log.</summary>
    public const string MetricsFileName = "metrics.jsonl";

    /// <summary>File name of the resume checkpoint.</summary>
    public const string CheckpointFileName = "checkpoint.zip";

    private static readonly JsonSerializerOptions MetricsJson = new() { WriteIndented = false };

    private readonly ExperimentConfig _config;
    private readonly string _outDir;
    private readonly ITrainingObserver _observer;

    /// <summary>Fault injection for tests: runs after each batch's backward pass with (epoch, batch from 1, model).</summary>
    internal Action<int, int, HierarchicalTagger>? AfterBackward { get; init; }

    /// <summary>Creates a trainer.</summary>
    public Trainer(ExperimentConfig config, string outDir, ITrainingObserver observer)
    {
        _config = config;
        _outDir = Path.GetFullPath(outDir);
        _observer = observer;
    }

    /// <summary>Runs training to the end (epochs, early stopping or the time budget), then evaluates the best model.</summary>
    /// <param name="resume">Continue from <c>DIR/checkpoint.zip</c> when it exists.</param>
    /// <param name="cancellationToken">Stops after the current batch; the last completed epoch stays resumable.</param>
    public TrainingResult Run(bool resume, CancellationToken cancellationToken = default)
    {
        var training = _config.Training;
        torch.set_num_threads(training.Threads);
        AtomicFile.EnsureFolder(_outDir);
        string modelPath = Path.Combine(_outDir, ModelFileName);
        string checkpointPath = Path.Combine(_outDir, CheckpointFileName);
        string metricsPath = Path.Combine(_outDir, MetricsFileName);

        // Data.
        var format = _config.Data.CorpusFormat();
        var columns = _config.Data.Columns;
        var train = CorpusReader.Read(_config.Data.Train, columns, requireLabels: true, format);
        var valid = _config.Data.Valid is null ? null : CorpusReader.Read(_config.Data.Valid, columns, requireLabels: true, format);
        var test = _config.Data.Test is null ? null : CorpusReader.Read(_config.Data.Test, columns, requireLabels: true, format);
        int trainUtterances = train.Sum(c => c.Utterances.Count);
        _observer.Log($"train: {train.Count:N0} conversations, {trainUtterances:N0} utterances ({_config.Data.Train})");
        if (valid is not null) _observer.Log($"valid: {valid.Count:N0} conversations, {valid.Sum(c => c.Utterances.Count):N0} utterances");
        if (test is not null) _observer.Log($"test: {test.Count:N0} conversations, {test.Sum(c => c.Utterances.Count):N0} utterances");

        // Vocabulary, labels and encoding.
        var encoder = TextEncoder.Build(_config.Tokenizer, train.SelectMany(c => c.Utterances).Select(u => u.Text));
        var labels = LabelSet.FromTrainingLabels(train.SelectMany(c => c.Utterances).Select(u => u.Label!));
        var statistics = new EncodingStatistics();
        var encoded = train.Select(c => CorpusEncoder.Encode(c, encoder, labels, statistics, _config.Data.Train, characters: _config.Model.UsesCharacters())).ToArray();
        _observer.Log($"vocabulary: {encoder.Vocabulary.Count:N0} entries (min count {_config.Tokenizer.MinCount}); labels: {labels.Count}; " +
                      $"truncated to {_config.Tokenizer.MaxTokens} tokens: {statistics.Truncated:N0} utterances");

        // Model and optimiser.
        var modelOptions = _config.Model with { VocabularySize = encoder.Vocabulary.Count, LabelCount = labels.Count };
        CheckMemory(modelOptions);
        torch.manual_seed(training.Seed);
        using var model = new HierarchicalTagger(modelOptions);
        if (_config.Tokenizer.Glove is string glovePath) InitialiseFromGlove(model, encoder.Vocabulary, glovePath);
        _observer.Log($"model: {ModelSummary.Total(modelOptions):N0} parameters; threads: {training.Threads}");
        var optimizer = CreateOptimizer(model, training);
        using var average = training.WeightAveraging > 0 ? new WeightAverage(model, training.WeightAveraging) : null;

        string corpusHash = Sha256File(_config.Data.Train);
        string configHash = Sha256(_config.ToJson());
        var state = new TrainingState { ConfigSha256 = configHash, CorpusSha256 = corpusHash };
        var metricsLines = new List<string>();                                                            // metrics.jsonl, one line per completed epoch
        if (resume && File.Exists(checkpointPath))
        {
            state = TrainingCheckpoint.ReadState(checkpointPath);
            if (state.ConfigSha256 != configHash || state.CorpusSha256 != corpusHash)
                throw new DialogueActsException($"{checkpointPath}: cannot resume: the config or the training data changed since this run started");
            TrainingCheckpoint.Restore(checkpointPath, model, optimizer, average);
            if (state.LearningRate is double rate) SetLearningRate(optimizer, rate);
            metricsLines.AddRange(ReadMetricsLines(metricsPath).Take(state.EpochsCompleted));
            AtomicFile.WriteAllText(metricsPath, string.Concat(metricsLines));
            _observer.Log($"resuming after epoch {state.EpochsCompleted} (best epoch {state.BestEpoch})");
        }
        else
        {
            if (resume) _observer.Log($"nothing to resume in {_outDir}; starting a new run");
            AtomicFile.WriteAllText(metricsPath, "");                                                     // fails here, before any training, when the folder cannot be written
            AtomicFile.Delete(checkpointPath);
        }

        // Epochs.
        var clock = Stopwatch.StartNew();
        double budgetSeconds = training.MaxMinutes is double minutes ? minutes * 60 : double.PositiveInfinity;
        string stopReason = state.StopReason ?? $"completed {training.Epochs} epochs";
        while (!state.Finished && state.EpochsCompleted < training.Epochs)
        {
            int epoch = state.EpochsCompleted + 1;
            var (metrics, partial) = RunEpoch(model, optimizer, average, encoded, epoch, valid, encoder, labels,
                budgetSeconds - state.ElapsedSeconds, cancellationToken);
            double elapsed = state.ElapsedSeconds + metrics.Seconds + metrics.ValidSeconds;

            bool improved = valid is null || state.BestValidAccuracy is null || metrics.ValidAccuracy > state.BestValidAccuracy;
            metrics = metrics with { Best = improved, Partial = partial, RssMib = ProcessMemory.CurrentRssMib(), PeakRssMib = ProcessMemory.PeakRssMib() };
            if (improved)
            {
                using var averaged = average?.Apply();
                ModelArchive.Write(modelPath, model, encoder, labels, new ModelMetadata
                {
                    CreatedUtc = DateTimeOffset.UtcNow,
                    ToolVersion = ModelArchive.ToolVersion,
                    CorpusSha256 = corpusHash,
                    Epoch = epoch,
                    EpochsCompleted = epoch,
                    ValidAccuracy = metrics.ValidAccuracy,
                    ValidMacroF1 = metrics.ValidMacroF1,
                    TrainConversations = train.Count,
                    TrainUtterances = trainUtterances,
                }, _config.ToTrainingSettingsJson());
            }
            int withoutImprovement = improved ? 0 : state.EpochsWithoutImprovement + 1;
            double learningRate = state.LearningRate ?? training.LearningRate;
            if (!improved && training.LearningRateDecay < 1)
            {
                learningRate *= training.LearningRateDecay;
                SetLearningRate(optimizer, learningRate);
                _observer.Log($"no validation gain: learning rate now {learningRate:G3}");
            }
            bool patienceOut = training.Patience > 0 && withoutImprovement >= training.Patience;
            bool outOfTime = partial || elapsed >= budgetSeconds;
            bool finished = patienceOut || outOfTime || epoch >= training.Epochs;
            stopReason = patienceOut ? $"early stopping: no validation gain for {training.Patience} epochs"
                : outOfTime ? $"time budget of {training.MaxMinutes} minutes reached"
                : $"completed {training.Epochs} epochs";
            state = state with
            {
                EpochsCompleted = epoch,
                BestEpoch = improved ? epoch : state.BestEpoch,
                BestValidAccuracy = improved ? metrics.ValidAccuracy : state.BestValidAccuracy,
                EpochsWithoutImprovement = withoutImprovement,
                ElapsedSeconds = elapsed,
                LearningRate = learningRate,
                Finished = finished,
                StopReason = finished ? stopReason : null,
            };
            metricsLines.Add(JsonSerializer.Serialize(metrics, MetricsJson) + "\n");
            AtomicFile.WriteAllText(metricsPath, string.Concat(metricsLines));
            TrainingCheckpoint.Write(checkpointPath, state, model, optimizer, average);
            _observer.EpochCompleted(metrics);
            cancellationToken.ThrowIfCancellationRequested();
        }
        _observer.Log($"stopped: {stopReason}; best epoch {state.BestEpoch}");

        // Final evaluation of the saved best model, through the same code that serves it.
        using var best = DialogueActTagger.Load(modelPath);
        var validReport = valid is null ? null : EvaluateAndWrite(best, valid, _config.Data.Valid!, "valid");
        var testReport = test is null ? null : EvaluateAndWrite(best, test, _config.Data.Test!, "test");
        return new TrainingResult(modelPath, state.EpochsCompleted, state.BestEpoch, stopReason, validReport, testReport, state.ElapsedSeconds);
    }

    private (EpochMetrics Metrics, bool Partial) RunEpoch(HierarchicalTagger model, OptimizerHelper optimizer, WeightAverage? average, EncodedConversation[] train,
        int epoch, IReadOnlyList<Conversation>? valid, TextEncoder encoder, LabelSet labels, double secondsLeft, CancellationToken cancellationToken)
    {
        var training = _config.Training;
        var random = new Random(unchecked(training.Seed * 7919 + epoch));
        torch.manual_seed(unchecked((long)training.Seed * 1_000_003 + epoch));
        var chunks = Chunk(train, training.ChunkLength);
        random.Shuffle(chunks);
        int batches = (chunks.Length + training.BatchSize - 1) / training.BatchSize;
        int totalUtterances = chunks.Sum(c => c.Length);
        _observer.EpochStarted(epoch, training.Epochs, batches, totalUtterances);

        var clock = Stopwatch.StartNew();
        model.train();
        double lossSum = 0;
        int utterances = 0, batch = 0;
        bool partial = false;
        var step = new TrainingStep(model, optimizer, training.GradientClip, average,
            AfterBackward is { } inject ? m => inject(epoch, batch + 1, m) : null);
        for (; batch < batches; batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var members = chunks.AsSpan(batch * training.BatchSize, Math.Min(training.BatchSize, chunks.Length - batch * training.BatchSize)).ToArray();
            if (training.WordDropout > 0) members = members.Select(c => DropWords(c, training.WordDropout, random)).ToArray();
            double batchLoss;
            int batchUtterances;
            try
            {
                (batchLoss, batchUtterances) = step.Run(members);
            }
            catch (NonFiniteTrainingException ex)
            {
                string kept = epoch == 1 ? "no epoch completed, so nothing was saved" : $"{ModelFileName}, {CheckpointFileName} and {MetricsFileName} keep epoch {epoch - 1}";
                throw new DialogueActsException($"training stopped at epoch {epoch}, batch {batch + 1} of {batches}: {ex.Message}; {kept} " +
                                                "(lower training.learningRate or set training.gradientClip)", ex);
            }
            lossSum += batchLoss;
            utterances += batchUtterances;
            _observer.BatchCompleted(epoch, batch + 1, batches, utterances, lossSum / utterances);
            if (clock.Elapsed.TotalSeconds >= secondsLeft && batch + 1 < batches)
            {
                partial = true;
                _observer.Log($"time budget reached in epoch {epoch} after {batch + 1} of {batches} batches");
                break;
            }
        }
        double trainSeconds = clock.Elapsed.TotalSeconds;
        model.eval();

        double? accuracy = null, macroF1 = null;
        var validClock = Stopwatch.StartNew();
        if (valid is not null)
        {
            _observer.Validating(epoch);
            using var averaged = average?.Apply();
            var tagger = new DialogueActTagger(model, encoder, labels, new ModelMetadata(), options: null, ownsModel: false);
            var report = TaggerEvaluator.Evaluate(tagger, valid, _config.Data.Valid!);
            accuracy = report.Accuracy;
            macroF1 = report.MacroF1;
        }
        return (new EpochMetrics
        {
            Epoch = epoch,
            Loss = utterances == 0 ? 0 : lossSum / utterances,
            ValidAccuracy = accuracy,
            ValidMacroF1 = macroF1,
            Seconds = trainSeconds,
            ValidSeconds = validClock.Elapsed.TotalSeconds,
            UtterancesPerSecond = utterances / Math.Max(trainSeconds, 1e-9),
            Utterances = utterances,
        }, partial);
    }

    /// <summary>Splits long conversations into chunks of at most <paramref name="length"/> utterances (training only).</summary>
    internal static EncodedConversation[] Chunk(IEnumerable<EncodedConversation> conversations, int length) =>
        conversations.SelectMany(c => Enumerable.Range(0, (c.Length + length - 1) / length)
            .Select(i => c.Slice(i * length, Math.Min(length, c.Length - i * length)))).ToArray();

    private static EncodedConversation DropWords(EncodedConversation conversation, double rate, Random random) => conversation with
    {
        Tokens = conversation.Tokens.Select(u => u.Select(id => id >= Vocabulary.ReservedCount && random.NextDouble() < rate ? Vocabulary.UnknownId : id).ToArray()).ToArray(),
    };

    private ClassificationReport EvaluateAndWrite(IDialogueActTagger tagger, IReadOnlyList<Conversation> data, string source, string name)
    {
        var report = TaggerEvaluator.Evaluate(tagger, data, source);
        ReportWriter.Write(report, Path.Combine(_outDir, name));
        _observer.Log($"{name}: accuracy {report.Accuracy:P2}, macro-F1 {report.MacroF1:P2} on {report.UtteranceCount:N0} utterances; report in {Path.Combine(_outDir, name)}");
        return report;
    }

    /// <summary>
    /// Initialises the word embedding from a GloVe file. When the file has fewer dimensions than
    /// <c>model.embeddingDim</c>, its vectors fill the leading columns, scaled to the standard deviation
    /// of the random initialisation, and the other columns stay random.
    /// </summary>
    private void InitialiseFromGlove(HierarchicalTagger model, Vocabulary vocabulary, string path)
    {
        var weight = model.UtteranceEncoder.EmbeddingWeight;                                              // [V, E]
        int embeddingDim = _config.Model.EmbeddingDim;
        int fileDim = GloveLoader.ReadDimension(path);
        if (fileDim > embeddingDim)
            throw new DialogueActsException($"{path}:1: the vectors have dimension {fileDim}, more than the embedding dimension (model.embeddingDim) {embeddingDim}");
        var head = weight.detach().narrow(1, 0, fileDim);                                                  // [V, G]
        var random = head.contiguous().data<float>().ToArray();
        var glove = GloveLoader.Load(path, vocabulary, fileDim, new float[random.Length]);
        double? randomStd = fileDim < embeddingDim
            ? weight.detach().narrow(1, fileDim, embeddingDim - fileDim).std().item<float>()               // scale of the random columns
            : null;
        var matrix = MergeGlove(random, glove.Matrix, fileDim, randomStd);
        using (torch.no_grad()) head.copy_(torch.tensor(matrix, new long[] { glove.Rows, fileDim }));
        _observer.Log($"GloVe: {glove.FoundTokens:N0} of {glove.VocabularyTokens:N0} vocabulary words found ({glove.VocabularyCoverage:P1}), " +
                      $"covering {glove.TokenCoverage:P1} of training tokens, {fileDim} of {embeddingDim} dimensions ({path})");
    }

    /// <summary>
    /// The leading embedding columns after GloVe initialisation: rows the file filled (non-zero in
    /// <paramref name="glove"/>) take its vectors, scaled to standard deviation <paramref name="randomStd"/>
    /// when given; other rows, and the reserved <c>&lt;unk&gt;</c> and <c>&lt;empty&gt;</c> rows, keep
    /// <paramref name="random"/>; the padding row is zero.
    /// </summary>
    internal static float[] MergeGlove(float[] random, float[] glove, int dimension, double? randomStd)
    {
        int rows = random.Length / dimension;
        var matrix = (float[])glove.Clone();
        var found = new bool[rows];
        double sumSquares = 0;
        long count = 0;
        for (int id = Vocabulary.ReservedCount; id < rows; id++)
        {
            for (int k = 0; k < dimension; k++) found[id] |= glove[id * dimension + k] != 0;
            if (!found[id]) continue;
            for (int k = 0; k < dimension; k++) sumSquares += (double)glove[id * dimension + k] * glove[id * dimension + k];
            count += dimension;
        }
        double scale = randomStd is double std && count > 0 ? std / Math.Sqrt(sumSquares / count) : 1;
        for (int id = 0; id < rows; id++)
        {
            if (id == Vocabulary.PadId) Array.Clear(matrix, 0, dimension);
            else if (!found[id]) Array.Copy(random, id * dimension, matrix, id * dimension, dimension);
            else for (int k = 0; k < dimension; k++) matrix[id * dimension + k] = (float)(matrix[id * dimension + k] * scale);
        }
        return matrix;
    }

    /// <summary>
    /// Refuses a model whose training state (weights, gradients and two optimiser moments, 4 bytes
    /// each) cannot fit in this machine's memory, before libtorch tries to allocate it.
    /// </summary>
    private void CheckMemory(ModelOptions options)
    {
        long parameters = ModelSummary.Total(options);
        double needed = 4.0 * sizeof(float) * parameters;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (needed > available)
            throw new DialogueActsException($"config $.model: {parameters:N0} parameters need about {needed / (1 << 30):N1} GiB to train, " +
                                            $"more than the {available / (double)(1 << 30):N1} GiB of this machine (vocabulary {options.VocabularySize:N0}, embeddingDim {options.EmbeddingDim})");
    }

    internal static OptimizerHelper CreateOptimizer(HierarchicalTagger model, TrainingOptions training) => training.Optimizer switch
    {
        TrainingOptions.AdamW => torch.optim.AdamW(model.parameters(), lr: training.LearningRate, weight_decay: training.WeightDecay),
        TrainingOptions.Sgd => torch.optim.SGD(model.parameters(), training.LearningRate, momentum: 0.9, weight_decay: training.WeightDecay),
        _ => torch.optim.Adam(model.parameters(), lr: training.LearningRate, weight_decay: training.WeightDecay),
    };

    private static void SetLearningRate(OptimizerHelper optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }

    private static IEnumerable<string> ReadMetricsLines(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l + "\n") : [];

    private static string Sha256File(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
