using System.CommandLine;
using DialogueActs.Data;

namespace DialogueActs.Benchmarks;

/// <summary>
/// <c>Benchmarks speed</c>: training and tagging speed with the benchmark settings (the PyTorch peer's defaults);
/// see scripts/benchmark-speed.sh, which runs the peer beside it.
/// </summary>
internal static class SpeedCommand
{
    public static Command Create()
    {
        var dataDir = BenchmarkCommand.Path("--data-dir", "Directory with train.csv and valid.csv (SwDA shape).");
        var label = new Option<string>("--label-column") { Description = "Label column.", DefaultValueFactory = _ => "act" };
        var batches = BenchmarkCommand.Count("--batches", "Training batches to time.", 60);
        var threads = BenchmarkCommand.Threads("Torch threads.");
        var calls = BenchmarkCommand.Count("--latency-calls", "Calls for the 100-utterance latency median.", 200);
        var passes = BenchmarkCommand.Count("--passes", "Warm tagging passes per setting; the median counts.", 7);
        var command = new Command("speed", "Measure training and tagging speed with the benchmark settings (the PyTorch peer's defaults).")
        {
            dataDir, label, batches, threads, calls, passes,
        };
        BenchmarkCommand.SetAction(command, AllocatorProfile.Training, parse =>
        {
            string directory = parse.GetValue(dataDir)!;
            var columns = new ColumnMapping { Label = parse.GetValue(label) };
            var result = SpeedBenchmark.Run(Path.Combine(directory, "train.csv"), Path.Combine(directory, "valid.csv"), columns,
                BenchmarkCommand.AtLeast(parse, batches, 1), BenchmarkCommand.AtLeast(parse, threads, 1), BenchmarkCommand.AtLeast(parse, calls, 1),
                BenchmarkCommand.AtLeast(parse, passes, 1), BenchmarkCommand.Log);
            var cpu = CpuDescription.OfThisMachine();
            var figures = new List<Figure>
            {
                new("cpu_model", cpu.Model),
                new("cpu_flags", string.Join(' ', cpu.Flags)),
                new("cpu_count", $"{cpu.Cores}"),
                new("cpu_fast_bfloat16", CpuFeatures.HasFastBFloat16 ? "yes" : "no"),
                new("train_batches", $"{result.TrainBatches}"),
                new("train_utterances", $"{result.TrainUtterances}"),
                new("train_tokens", $"{result.TrainTokens}"),
                new("train_mflop_per_utterance", $"{result.TrainFlopsPerUtterance / 1e6:F2}"),
                new("train_gflops", $"{result.TrainGflops:F1}"),
                new("gemm_peak_gflops", $"{result.GemmPeakGflops:F1}"),
                new("share_of_peak", $"{result.ShareOfPeak:F3}"),
                new("infer_utterances", $"{result.InferUtterances}"),
                new("infer_tokens", $"{result.InferTokens}"),
                new("infer_mflop_per_utterance", $"{result.InferFlopsPerUtterance / 1e6:F2}"),
                new("infer_gflops", $"{result.InferGflops:F1}"),
                new("infer_share_of_peak", $"{result.InferGflops / result.GemmPeakGflops:F3}"),
            };
            foreach (var measure in result.Tagging.Skip(1))
            {
                figures.Add(new($"lever_{measure.Name}_utterances_per_s", $"{measure.UtterancesPerSecond:F1}"));
                figures.Add(new($"lever_{measure.Name}_accuracy", $"{measure.Accuracy:F4}"));
            }
            figures.AddRange(
            [
                new("infer_pass_seconds", string.Join(",", result.Product.PassSeconds.Select(x => x.ToString("F3")))),
                new("infer_precision", result.Product.Precision),
                new("infer_accuracy", $"{result.Product.Accuracy:F4}"),
                new("latency_100_utterances_ms", $"{result.Latency100Milliseconds:F2}"),
                new("train_utterances_per_s", $"{result.TrainUtterancesPerSecond:F1}"),
                new("infer_cold_utterances_per_s", $"{result.InferColdUtterancesPerSecond:F1}"),
                new("infer_utterances_per_s", $"{result.Product.UtterancesPerSecond:F1}"),
                new("peak_rss_mib", $"{result.PeakRssMib:F0}"),
            ]);
            return figures;
        });
        return command;
    }
}
