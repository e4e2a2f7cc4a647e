using System.Diagnostics;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Text;
using DialogueActs.Training;
using TorchSharp;

namespace DialogueActs.Benchmarks;

/// <summary>
/// Measures training and tagging speed with the benchmark settings (the peer's defaults): lowercased
/// word tokens, max 60 tokens, min count 2, embedding 200, Bi-LSTMs of 128 per direction, dropout 0.2,
/// chunks of 128 utterances, 8 chunks per batch, Adam 1e-3, gradient clipping 5.
/// </summary>
public static class SpeedBenchmark
{
    /// <summary>Runs the benchmark.</summary>
    /// <param name="trainPath">Training CSV.</param>
    /// <param name="validPath">Validation CSV.</param>
    /// <param name="columns">Column mapping (label column included).</param>
    /// <param name="batches">Training batches to time.</param>
    /// <param name="threads">Torch threads.</param>
    /// <param name="latencyCalls">Calls for the 100-utterance latency median.</param>
    /// <param name="log">Progress messages.</param>
    /// <param name="passes">Warm tagging passes per setting (the median counts).</param>
    public static SpeedBenchmarkResult Run(string trainPath, string validPath, ColumnMapping columns, int batches, int threads,
        int latencyCalls, int passes, Action<string> log)
    {
        torch.set_num_threads(threads);
        var train = CorpusReader.Read(trainPath, columns, requireLabels: true);
        var valid = CorpusReader.Read(validPath, columns, requireLabels: true);
        var tokenizer = new TokenizerOptions { MaxTokens = 60, MinCount = 2 };
        var encoder = TextEncoder.Build(tokenizer, train.SelectMany(c => c.Utterances).Select(u => u.Text));
        var labels = LabelSet.FromTrainingLabels(train.SelectMany(c => c.Utterances).Select(u => u.Label!));
        var encoded = train.Select(c => CorpusEncoder.Encode(c, encoder, labels)).ToArray();
        var options = new ModelOptions();
        var dimensions = new ModelDimensions(encoder.Vocabulary.Count, labels.Count);
        log($"vocabulary {encoder.Vocabulary.Count:N0}, labels {labels.Count}, parameters {ModelSummary.Total(options, dimensions):N0}, threads {threads}");

        torch.manual_seed(1);
        using var model = new HierarchicalTagger(options, dimensions);
        var optimizer = torch.optim.Adam(model.parameters(), lr: 1e-3);
        var step = new TrainingStep(model, optimizer, gradientClip: 5.0);
        var chunks = EpochBatches.Chunk(encoded, 128);
        new Random(1).Shuffle(chunks);
        int available = (chunks.Length + 7) / 8;
        batches = Math.Min(batches, available);

        model.train();
        int trainUtterances = 0;
        long trainTokens = chunks.Take(batches * 8).Sum(c => c.Tokens.Sum(t => (long)t.Length));
        var clock = Stopwatch.StartNew();
        for (int b = 0; b < batches; b++)
        {
            var members = chunks.Skip(b * 8).Take(8).ToArray();
            trainUtterances += step.Run(members).Utterances;
            if ((b + 1) % 10 == 0) log($"  batch {b + 1}/{batches}: {trainUtterances / clock.Elapsed.TotalSeconds:N0} utt/s");
        }
        double trainSeconds = clock.Elapsed.TotalSeconds;
        model.eval();

        int inferUtterances = valid.Sum(c => c.Utterances.Count);
        long inferTokens = valid.SelectMany(c => c.Utterances).Sum(u => (long)encoder.Encode(u.Text).Length);
        var gold = valid.SelectMany(c => c.Utterances).Select(u => u.Label!).ToArray();

        // The product tagger first, on a copy of the weights (it may convert them to bfloat16): its first pass is the cold one.
        using var product = new DialogueActTagger(Copy(model), encoder, labels, new ModelMetadata(), new TaggerOptions(), ownsModel: true);
        double coldSeconds = Timing.Seconds(() => product.TagMany(valid));
        log($"  tagging, first pass ({product.Precision}): {inferUtterances / coldSeconds:N0} utt/s");
        var measures = new List<TaggingMeasure> { Measure("product", product, valid, gold, passes, log) };

        var longest = valid.OrderByDescending(c => c.Utterances.Count).First();
        var hundred = new Conversation(longest.Id, longest.Utterances.Take(100).ToArray());
        double latency = Timing.MedianMilliseconds(() => product.Tag(hundred), warmups: 10, latencyCalls);

        // The levers added one at a time, from the earlier defaults (float32, every row, 4,096 utterances per batch).
        measures.Add(Lever("float32_all_rows_batch_4096", model, options, encoder, labels, valid, gold, passes, log, InferencePrecision.Float32, false, 4096));
        measures.Add(Lever($"float32_all_rows_batch_{Default.MaxUtterancesPerBatch}", model, options, encoder, labels, valid, gold, passes, log, InferencePrecision.Float32, false, Default.MaxUtterancesPerBatch));
        measures.Add(Lever($"float32_distinct_rows_batch_{Default.MaxUtterancesPerBatch}", model, options, encoder, labels, valid, gold, passes, log, InferencePrecision.Float32, true, Default.MaxUtterancesPerBatch));
        if (product.Precision == InferencePrecision.BFloat16)
            measures.Add(Lever($"bfloat16_all_rows_batch_{Default.MaxUtterancesPerBatch}", model, options, encoder, labels, valid, gold, passes, log, InferencePrecision.BFloat16, false, Default.MaxUtterancesPerBatch));

        double flops = FlopsPerTrainingUtterance(options, labels.Count, (double)trainTokens / trainUtterances);
        double peak = GemmPeakGflops();
        double inferFlops = FlopsPerTaggedUtterance(options, labels.Count, (double)inferTokens / inferUtterances);
        return new SpeedBenchmarkResult(trainUtterances / trainSeconds, inferUtterances / coldSeconds, measures, ProcessMemory.PeakRssMib(),
            latency, batches, trainUtterances, inferUtterances, inferTokens, trainTokens, flops, inferFlops, peak);
    }

    /// <summary>Tags the split <paramref name="passes"/> times (the tagger already warm) and takes the median pass.</summary>
    private static TaggingMeasure Measure(string name, DialogueActTagger tagger, IReadOnlyList<Conversation> valid, string[] gold, int passes, Action<string> log)
    {
        var seconds = new double[passes];
        IReadOnlyList<Inference.TaggedConversation> tagged = [];
        for (int p = 0; p < passes; p++) seconds[p] = Timing.Seconds(() => tagged = tagger.TagMany(valid));
        var predicted = tagged.SelectMany(t => t.Utterances).Select(u => u.Label).ToArray();
        double accuracy = predicted.Zip(gold).Count(pair => pair.First == pair.Second) / (double)gold.Length;
        var measure = new TaggingMeasure(name, tagger.Precision.ToString(), seconds, gold.Length / Timing.Median(seconds), accuracy);
        log($"  tagging {name} ({measure.Precision}): median of {passes} warm passes {measure.UtterancesPerSecond:N0} utt/s, accuracy {accuracy:P2}");
        return measure;
    }

    private static readonly TaggerOptions Default = new();

    /// <summary>One lever setting on a copy of the trained weights: a warm-up pass, then <see cref="Measure"/>.</summary>
    private static TaggingMeasure Lever(string name, HierarchicalTagger model, ModelOptions options, TextEncoder encoder, LabelSet labels,
        IReadOnlyList<Conversation> valid, string[] gold, int passes, Action<string> log, InferencePrecision precision, bool distinct, int batch)
    {
        using var copy = Copy(model);
        copy.UtteranceEncoder.Deduplicate = distinct;
        using var tagger = new DialogueActTagger(copy, encoder, labels, new ModelMetadata(),
            new TaggerOptions { Precision = precision, MaxUtterancesPerBatch = batch }, ownsModel: true);
        tagger.TagMany(valid);
        return Measure(name, tagger, valid, gold, passes, log);
    }

    /// <summary>A new model with the same weights (through the model file format's parameter stream).</summary>
    private static HierarchicalTagger Copy(HierarchicalTagger model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) model.save(writer);
        stream.Position = 0;
        var copy = new HierarchicalTagger(model.Options, model.Dimensions, model.Features);
        using (var reader = new BinaryReader(stream)) copy.load(reader, strict: true);
        copy.eval();
        return copy;
    }

    /// <summary>
    /// Floating-point operations per tagged utterance (forward only, matrix products): the utterance LSTM per token in
    /// both directions, the conversation LSTM and the output layer once per utterance.
    /// </summary>
    public static double FlopsPerTaggedUtterance(ModelOptions o, int labelCount, double meanTokens) => FlopsPerTrainingUtterance(o, labelCount, meanTokens) / 3;

    /// <summary>
    /// Floating-point operations per training utterance, counting the matrix products (a multiply-add is
    /// 2 operations). An LSTM step of hidden size H on input size I costs 2·4H·(I+H) per direction; the
    /// utterance LSTM runs once per token, the conversation LSTM once per utterance; backward costs about
    /// twice the forward (gradients for inputs and for weights), so training is 3× the forward.
    /// </summary>
    public static double FlopsPerTrainingUtterance(ModelOptions o, int labelCount, double meanTokens)
    {
        double utterance = 2 * 2.0 * 4 * o.UtteranceHidden * (o.EmbeddingDim + o.UtteranceHidden) * meanTokens;
        double conversationInput = 2.0 * o.UtteranceHidden;
        double conversation = 2 * 2.0 * 4 * o.ConversationHidden * (conversationInput + o.ConversationHidden);
        double output = 2.0 * 2 * o.ConversationHidden * labelCount;
        return 3 * (utterance + conversation + output);
    }

    /// <summary>float32 GEMM peak through libtorch: the best of several 2048×2048 matrix products.</summary>
    public static double GemmPeakGflops()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        const int n = 2048;
        var a = torch.randn(n, n);
        var b = torch.randn(n, n);
        a.matmul(b);
        double best = double.PositiveInfinity;
        for (int i = 0; i < 5; i++)
        {
            torch.Tensor? product = null;
            best = Math.Min(best, Timing.Seconds(() => product = a.matmul(b)));                         // the product freed after the clock stops
            product!.Dispose();
        }
        return 2.0 * n * n * n / best / 1e9;
    }
}
