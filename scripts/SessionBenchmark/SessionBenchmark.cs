using DialogueActs.Configuration;
using DialogueActs.Data;
using DialogueActs.Inference;
using TorchSharp;

namespace DialogueActs.Benchmarks;

/// <summary>
/// Measures sessions of a causal <c>model.zip</c> loaded as a user loads it (<see cref="ModelArchive.Read"/>,
/// <see cref="DialogueActTagger.Create"/>, the sentence encoder when the model reads one): the latency of each
/// utterance of the corpus's longest conversation streamed through one session (<see cref="SessionLatency"/>), then
/// the memory of many open sessions (<see cref="SessionMemory"/>).
/// </summary>
public static class SessionBenchmark
{
    /// <summary>The default of <c>--threads</c>, as the tagging benchmark's.</summary>
    public const int DefaultThreads = 2;

    /// <summary>The default of <c>--lag</c>: no revisions.</summary>
    public const int DefaultLag = 0;

    /// <summary>The default of <c>--sessions</c>.</summary>
    public const int DefaultSessions = 1000;

    /// <summary>The default of <c>--utterances</c>.</summary>
    public const int DefaultUtterancesPerSession = 20;

    /// <summary>Runs the benchmark.</summary>
    /// <param name="modelPath">A causal model (model.zip).</param>
    /// <param name="dataPath">A corpus (CSV or JSONL, labelled or not), read with the columns stored in the model.</param>
    /// <param name="threads">Torch threads and sentence encoder threads.</param>
    /// <param name="lag">The sessions' lag.</param>
    /// <param name="sessions">Sessions held open for the memory figure.</param>
    /// <param name="utterancesPerSession">Utterances added to each of them.</param>
    /// <param name="log">Progress messages.</param>
    /// <exception cref="DialogueActsException">An argument, the model (bidirectional, say) or the corpus is invalid.</exception>
    public static SessionBenchmarkResult Run(string modelPath, string dataPath, int threads, int lag, int sessions, int utterancesPerSession,
        Action<string> log)
    {
        if (threads < 1) throw new DialogueActsException($"--threads: must be at least 1, got {threads}");
        if (lag < 0) throw new DialogueActsException($"--lag: must be at least 0, got {lag}");
        if (sessions < 1) throw new DialogueActsException($"--sessions: must be at least 1, got {sessions}");
        if (utterancesPerSession < 1) throw new DialogueActsException($"--utterances: must be at least 1, got {utterancesPerSession}");
        if (!File.Exists(modelPath)) throw new DialogueActsException($"{modelPath}: file not found");
        torch.set_num_threads(threads);

        var archive = ModelArchive.Read(modelPath);
        using var sentenceEncoder = BenchmarkSentenceEncoder.Create(archive.Model.Options.SentenceEncoder, threads, modelPath);
        using var tagger = DialogueActTagger.Create(archive, new TaggerOptions { SentenceEncoder = sentenceEncoder });
        tagger.StartSession(lag).Dispose();                                                                  // a bidirectional model fails here, before the corpus is read

        var trained = ExperimentConfig.FromArchive(archive, modelPath)?.Data;
        var corpus = CorpusReader.Read(dataPath, trained?.Columns ?? new ColumnMapping(), requireLabels: false,
            trained?.CorpusFormat() ?? CorpusFormat.Auto);
        if (corpus.Count == 0) throw new DialogueActsException($"{dataPath}: no conversations");
        log($"{dataPath}: {corpus.Count} conversations, {corpus.Sum(c => c.Utterances.Count)} utterances; threads {threads}, lag {lag}");

        var latency = SessionLatency.Measure(tagger, corpus, lag);
        log($"latency: {latency.Milliseconds.Count} utterances of '{latency.ConversationId}' timed");
        var memory = SessionMemory.Measure(tagger, corpus, lag, sessions, utterancesPerSession);
        log($"memory: {sessions} sessions of {utterancesPerSession} utterances held open");
        return new SessionBenchmarkResult(CpuModel(), Environment.ProcessorCount, torch.get_num_threads(), modelPath, lag,
            sentenceEncoder?.Id ?? "none", latency, LatencyStats.Of(latency.Milliseconds), memory);
    }

    /// <summary>The CPU's model name from <c>/proc/cpuinfo</c>; "unknown" where it is not readable.</summary>
    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
