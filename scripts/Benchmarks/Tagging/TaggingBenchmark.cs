using DialogueActs.Data;
using DialogueActs.Training;

namespace DialogueActs.Benchmarks;

/// <summary>
/// Measures the tagging speed, latency and memory of a trained <c>model.zip</c> as a user gets it
/// (<see cref="BenchmarkModel"/>: sentence encoder included, no vector cache).
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
    /// <exception cref="DialogueActsException">The model or the corpus is invalid.</exception>
    public static TaggingBenchmarkResult Run(string modelPath, string dataPath, int threads, int repeats, int latencyCalls, Action<string> log)
    {
        using var model = BenchmarkModel.Load(modelPath, threads);
        var tagger = model.Tagger;
        var corpus = model.ReadCorpus(dataPath);
        int utterances = corpus.Sum(c => c.Utterances.Count);
        log($"{dataPath}: {corpus.Count} conversations, {utterances} utterances; threads {threads}");

        tagger.TagMany(corpus);
        var passes = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            passes[i] = utterances / Timing.Seconds(() => tagger.TagMany(corpus));
            log($"  pass {i + 1}/{repeats}: {passes[i]:F1} utt/s");
        }

        var longest = corpus.MaxBy(c => c.Utterances.Count)!;
        var conversation = new Conversation(longest.Id, longest.Utterances.Take(LatencyUtterances).ToArray());
        double latency = Timing.MedianMilliseconds(() => tagger.Tag(conversation), LatencyWarmupCalls, latencyCalls);

        return new TaggingBenchmarkResult(model.FileMib, model.LoadSeconds, utterances, corpus.Count, Timing.Median(passes),
            conversation.Utterances.Count, latency, ProcessMemory.PeakRssMib(), model.SentenceEncoder);
    }
}
