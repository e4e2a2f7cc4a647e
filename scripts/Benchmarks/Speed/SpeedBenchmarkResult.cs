namespace DialogueActs.Benchmarks;

/// <summary>Tagging the validation split with one tagger setting: warm passes, their median and the accuracy.</summary>
/// <param name="Name">The setting, for example <c>float32_all_rows</c>.</param>
/// <param name="Precision">The precision the tagger resolved.</param>
/// <param name="PassSeconds">Each warm pass, in order.</param>
/// <param name="UtterancesPerSecond">Utterances over the median pass time.</param>
/// <param name="Accuracy">Share of utterances tagged with their gold label.</param>
public sealed record TaggingMeasure(string Name, string Precision, double[] PassSeconds, double UtterancesPerSecond, double Accuracy);

/// <summary>Figures printed by the speed benchmark.</summary>
/// <param name="TrainUtterancesPerSecond">Training throughput over the timed batches.</param>
/// <param name="InferColdUtterancesPerSecond">The product tagger's first pass over the validation split (oneDNN builds its kernels for the new shapes): what a service's first request pays.</param>
/// <param name="Tagging">The product tagger (default options), then each lever setting: warm medians.</param>
/// <param name="PeakRssMib">Peak resident memory of the process.</param>
/// <param name="Latency100Milliseconds">Median time to tag one 100-utterance conversation (warm, product tagger), over the calls made.</param>
/// <param name="TrainBatches">Batches timed.</param>
/// <param name="TrainUtterances">Utterances in those batches.</param>
/// <param name="InferUtterances">Validation utterances tagged per pass.</param>
/// <param name="InferTokens">Validation tokens per pass.</param>
/// <param name="TrainTokens">Tokens in those batches.</param>
/// <param name="TrainFlopsPerUtterance">Counted floating-point operations per training utterance (forward and backward).</param>
/// <param name="InferFlopsPerUtterance">Counted floating-point operations per tagged utterance (forward, every row encoded).</param>
/// <param name="GemmPeakGflops">float32 matrix-multiply peak measured through libtorch with the same threads.</param>
public sealed record SpeedBenchmarkResult(double TrainUtterancesPerSecond, double InferColdUtterancesPerSecond, IReadOnlyList<TaggingMeasure> Tagging,
    double PeakRssMib, double Latency100Milliseconds, int TrainBatches, int TrainUtterances, int InferUtterances, long InferTokens, long TrainTokens,
    double TrainFlopsPerUtterance, double InferFlopsPerUtterance, double GemmPeakGflops)
{
    /// <summary>Achieved training GFLOP/s.</summary>
    public double TrainGflops => TrainUtterancesPerSecond * TrainFlopsPerUtterance / 1e9;

    /// <summary>Share of the GEMM peak that training reaches.</summary>
    public double ShareOfPeak => TrainGflops / GemmPeakGflops;

    /// <summary>The product tagger's warm median.</summary>
    public TaggingMeasure Product => Tagging[0];

    /// <summary>Counted tagging GFLOP/s of the product tagger (every row counted, as if none were repeated).</summary>
    public double InferGflops => Product.UtterancesPerSecond * InferFlopsPerUtterance / 1e9;
}
