namespace DialogueActs.Benchmarks;

/// <summary>Figures printed by the session benchmark.</summary>
/// <param name="Cpu">The CPU's model name.</param>
/// <param name="Cores">Logical cores the process sees.</param>
/// <param name="TorchThreads">Torch intra-op threads.</param>
/// <param name="ModelPath">The model file.</param>
/// <param name="Lag">The sessions' lag.</param>
/// <param name="SentenceEncoder">The sentence encoder's id, or "none".</param>
/// <param name="Latency">The timed conversation.</param>
/// <param name="LatencyStats">Its summary.</param>
/// <param name="Memory">The memory of the open sessions.</param>
public sealed record SessionBenchmarkResult(string Cpu, int Cores, int TorchThreads, string ModelPath, int Lag, string SentenceEncoder,
    LatencyRun Latency, LatencyStats LatencyStats, MemoryRun Memory);
