using TorchSharp;

namespace DialogueActs.Benchmarks;

/// <summary>
/// Measures sessions of a causal <c>model.zip</c> loaded as a user loads it (<see cref="BenchmarkModel"/>): the latency
/// of each utterance of the corpus's longest conversation streamed through one session (<see cref="SessionLatency"/>),
/// then the memory of many open sessions (<see cref="SessionMemory"/>).
/// </summary>
public static class SessionBenchmark
{
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
    /// <exception cref="DialogueActsException">The model (bidirectional, say) or the corpus is invalid.</exception>
    public static SessionBenchmarkResult Run(string modelPath, string dataPath, int threads, int lag, int sessions, int utterancesPerSession,
        Action<string> log)
    {
        using var model = BenchmarkModel.Load(modelPath, threads);
        var tagger = model.Tagger;
        tagger.StartSession(lag).Dispose();                                                                  // a bidirectional model fails here, before the corpus is read

        var corpus = model.ReadCorpus(dataPath);
        log($"{dataPath}: {corpus.Count} conversations, {corpus.Sum(c => c.Utterances.Count)} utterances; threads {threads}, lag {lag}");

        var latency = SessionLatency.Measure(tagger, corpus, lag);
        log($"latency: {latency.Milliseconds.Count} utterances of '{latency.ConversationId}' timed");
        var memory = SessionMemory.Measure(tagger, corpus, lag, sessions, utterancesPerSession);
        log($"memory: {sessions} sessions of {utterancesPerSession} utterances held open");
        var cpu = CpuDescription.OfThisMachine();
        return new SessionBenchmarkResult(cpu.Model, cpu.Cores, torch.get_num_threads(), modelPath, lag,
            model.SentenceEncoder, latency, LatencyStats.Of(latency.Milliseconds), memory);
    }
}
