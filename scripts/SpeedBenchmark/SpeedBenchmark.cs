using System.Diagnostics;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Text;
using DialogueActs.Training;
using TorchSharp;

namespace DialogueActs.Benchmarks;

/// <summary>Figures printed by the speed benchmark.</summary>
/// <param name="TrainUtterancesPerSecond">Training throughput over the timed batches.</param>
/// <param name="InferUtterancesPerSecond">Tagging throughput over the whole validation split (whole conversations, Viterbi and marginals).</param>
/// <param name="PeakRssMib">Peak resident memory of the process.</param>
/// <param name="Latency100Milliseconds">Median time to tag one 100-utterance conversation (warm), over the calls made.</param>
/// <param name="TrainBatches">Batches timed.</param>
/// <param name="TrainUtterances">Utterances in those batches.</param>
/// <param name="InferUtterances">Validation utterances tagged.</param>
/// <param name="TrainTokens">Tokens in those batches.</param>
/// <param name="TrainFlopsPerUtterance">Counted floating-point operations per training utterance (forward and backward).</param>
/// <param name="GemmPeakGflops">float32 matrix-multiply peak measured through libtorch with the same threads.</param>
public sealed record SpeedBenchmarkResult(double TrainUtterancesPerSecond, double InferUtterancesPerSecond, double PeakRssMib,
    double Latency100Milliseconds, int TrainBatches, int TrainUtterances, int InferUtterances, long TrainTokens,
    double TrainFlopsPerUtterance, double GemmPeakGflops)
{
    /// <summary>Achieved training GFLOP/s.</summary>
    public double TrainGflops => TrainUtterancesPerSecond * TrainFlopsPerUtterance / 1e9;

    /// <summary>Share of the GEMM peak that training reaches.</summary>
    public double ShareOfPeak => TrainGflops / GemmPeakGflops;
}

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
    public static SpeedBenchmarkResult Run(string trainPath, string validPath, ColumnMapping columns, int batches, int threads,
        int latencyCalls, Action<string> log)
    {
        torch.set_num_threads(threads);
        var train = CorpusReader.Read(trainPath, columns, requireLabels: true);
        var valid = CorpusReader.Read(validPath, columns, requireLabels: true);
        var tokenizer = new TokenizerOptions { MaxTokens = 60, MinCount = 2 };
        var encoder = TextEncoder.Build(tokenizer, train.SelectMany(c => c.Utterances).Select(u => u.Text));
        var labels = LabelSet.FromTrainingLabels(train.SelectMany(c => c.Utterances).Select(u => u.Label!));
        var encoded = train.Select(c => CorpusEncoder.Encode(c, encoder, labels, EncodedParts.None)).ToArray();
        var options = new ModelOptions { VocabularySize = encoder.Vocabulary.Count, LabelCount = labels.Count };
        log($"vocabulary {encoder.Vocabulary.Count:N0}, labels {labels.Count}, parameters {ModelSummary.Total(options):N0}, threads {threads}");

        torch.manual_seed(1);
        using var model = new HierarchicalTagger(options);
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

        var tagger = new DialogueActTagger(model, encoder, labels, new ModelMetadata(), new TaggerOptions(), ownsModel: false);
        int inferUtterances = valid.Sum(c => c.Utterances.Count);
        clock.Restart();
        tagger.TagMany(valid);
        double inferSeconds = clock.Elapsed.TotalSeconds;

        var longest = valid.OrderByDescending(c => c.Utterances.Count).First();
        var hundred = new Conversation(longest.Id, longest.Utterances.Take(100).ToArray());
        for (int i = 0; i < 10; i++) tagger.Tag(hundred);
        var latencies = new double[latencyCalls];
        for (int i = 0; i < latencyCalls; i++)
        {
            clock.Restart();
            tagger.Tag(hundred);
            latencies[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(latencies);

        double flops = FlopsPerTrainingUtterance(options, (double)trainTokens / trainUtterances);
        double peak = GemmPeakGflops();
        return new SpeedBenchmarkResult(trainUtterances / trainSeconds, inferUtterances / inferSeconds, ProcessMemory.PeakRssMib(),
            latencies[latencies.Length / 2], batches, trainUtterances, inferUtterances, trainTokens, flops, peak);
    }

    /// <summary>
    /// Floating-point operations per training utterance, counting the matrix products (a multiply-add is
    /// 2 operations). An LSTM step of hidden size H on input size I costs 2·4H·(I+H) per direction; the
    /// utterance LSTM runs once per token, the conversation LSTM once per utterance; backward costs about
    /// twice the forward (gradients for inputs and for weights), so training is 3× the forward.
    /// </summary>
    public static double FlopsPerTrainingUtterance(ModelOptions o, double meanTokens)
    {
        double utterance = 2 * 2.0 * 4 * o.UtteranceHidden * (o.EmbeddingDim + o.UtteranceHidden) * meanTokens;
        double conversationInput = 2.0 * o.UtteranceHidden;
        double conversation = 2 * 2.0 * 4 * o.ConversationHidden * (conversationInput + o.ConversationHidden);
        double output = 2.0 * 2 * o.ConversationHidden * o.LabelCount;
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
            var clock = Stopwatch.StartNew();
            using var product = a.matmul(b);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * n / best / 1e9;
    }
}
