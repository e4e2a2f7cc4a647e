namespace DialogueActs.Benchmarks;

/// <summary>Figures printed by the tagging benchmark.</summary>
/// <param name="ModelMib">Size of the model file.</param>
/// <param name="LoadSeconds">Reading the archive, creating the sentence encoder (if any) and the tagger.</param>
/// <param name="Utterances">Utterances in the corpus.</param>
/// <param name="Conversations">Conversations in the corpus.</param>
/// <param name="TagUtterancesPerSecond">Median throughput of the timed <c>TagMany</c> passes over the whole corpus.</param>
/// <param name="LatencyUtterances">Utterances in the latency conversation (100, or fewer when the longest conversation is shorter).</param>
/// <param name="LatencyMilliseconds">Median time of one <c>Tag</c> call on the latency conversation.</param>
/// <param name="PeakRssMib">Peak resident memory of the process (VmHWM).</param>
/// <param name="SentenceEncoder">The sentence encoder's id, or "none".</param>
public sealed record TaggingBenchmarkResult(double ModelMib, double LoadSeconds, int Utterances, int Conversations,
    double TagUtterancesPerSecond, int LatencyUtterances, double LatencyMilliseconds, double PeakRssMib, string SentenceEncoder);
