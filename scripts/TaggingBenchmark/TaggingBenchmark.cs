using System.Diagnostics;
using DialogueActs.Configuration;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Training;
using TorchSharp;

namespace DialogueActs.Benchmarks;

/// <summary>
/// Measures the tagging speed of a trained <c>model.zip</c> as a user gets it: loaded with
/// <see cref="ModelArchive.Read"/> and <see cref="DialogueActTagger.Create"/>, with the MiniLM sentence encoder
/// when the model reads one (<see cref="BenchmarkSentenceEncoder"/>), and no vector cache (every text is encoded, as in service).
/// </summary>
public static class TaggingBenchmark
{
    /// <summary>Utterances in the latency conversation (the first of the corpus's longest conversation).</summary>
    public const int LatencyUtterances = 100;

    /// <summary>Untimed <c>Tag</c> calls before the latency calls.</summary>
    public const int LatencyWarmupCalls = 3;

    /// <summary>Runs the benchmark.</summary>
    /// <param name="modelPath">The model file (model.zip).</param>
    /// <param name="dataPath">A corpus (CSV or JSONL, labelled or not), read with the columns stored in the model.</param>
    /// <param name="threads">Torch threads and sentence encoder threads.</param>
    /// <param name="repeats">Timed <c>TagMany</c> passes over the corpus (after one warm-up pass).</param>
    /// <param name="latencyCalls">Timed <c>Tag</c> calls for the latency median.</param>
    /// <param name="log">Progress messages.</param>
    /// <exception cref="DialogueActsException">An argument, the model or the corpus is invalid.</exception>
    public static TaggingBenchmarkResult Run(string modelPath, string dataPath, int threads, int repeats, int latencyCalls, Action<string> log)
    {
        if (threads < 1) throw new DialogueActsException($"--threads: must be at least 1, got {threads}");
        if (repeats < 1) throw new DialogueActsException($"--repeats: must be at least 1, got {repeats}");
        if (latencyCalls < 1) throw new DialogueActsException($"--latency-calls: must be at least 1, got {latencyCalls}");
        if (!File.Exists(modelPath)) throw new DialogueActsException($"{modelPath}: file not found");
        torch.set_num_threads(threads);
        double modelMib = new FileInfo(modelPath).Length / (1024.0 * 1024.0);

        var clock = Stopwatch.StartNew();
        var archive = ModelArchive.Read(modelPath);
        using var sentenceEncoder = BenchmarkSentenceEncoder.Create(archive.Model.Options.SentenceEncoder, threads, modelPath);
        using var tagger = DialogueActTagger.Create(archive, new TaggerOptions { SentenceEncoder = sentenceEncoder });
        double loadSeconds = clock.Elapsed.TotalSeconds;

        var trained = ExperimentConfig.FromArchive(archive, modelPath)?.Data;
        var corpus = CorpusReader.Read(dataPath, trained?.Columns ?? new ColumnMapping(), requireLabels: false,
            trained?.CorpusFormat() ?? CorpusFormat.Auto);
        int utterances = corpus.Sum(c => c.Utterances.Count);
        log($"{dataPath}: {corpus.Count} conversations, {utterances} utterances; threads {threads}");

        tagger.TagMany(corpus);
        var passes = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            clock.Restart();
            tagger.TagMany(corpus);
            passes[i] = utterances / clock.Elapsed.TotalSeconds;
            log($"  pass {i + 1}/{repeats}: {passes[i]:F1} utt/s");
        }

        var longest = corpus.MaxBy(c => c.Utterances.Count)!;
        var conversation = new Conversation(longest.Id, longest.Utterances.Take(LatencyUtterances).ToArray());
        for (int i = 0; i < LatencyWarmupCalls; i++) tagger.Tag(conversation);
        var latencies = new double[latencyCalls];
        for (int i = 0; i < latencyCalls; i++)
        {
            clock.Restart();
            tagger.Tag(conversation);
            latencies[i] = clock.Elapsed.TotalMilliseconds;
        }

        return new TaggingBenchmarkResult(modelMib, loadSeconds, utterances, corpus.Count, Median(passes),
            conversation.Utterances.Count, Median(latencies), ProcessMemory.PeakRssMib(), sentenceEncoder?.Id ?? "none");
    }

    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
