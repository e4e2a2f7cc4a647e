using System.CommandLine;
using DialogueActs;
using DialogueActs.Benchmarks;
using DialogueActs.Data;

// Training and tagging speed with the benchmark settings (the PyTorch peer's defaults); see scripts/benchmark-speed.sh.
var dataDir = new Option<string>("--data-dir") { Description = "Directory with train.csv and valid.csv (SwDA shape).", Required = true };
var label = new Option<string>("--label-column") { Description = "Label column.", DefaultValueFactory = _ => "act" };
var batches = new Option<int>("--batches") { Description = "Training batches to time.", DefaultValueFactory = _ => 60 };
var threads = new Option<int>("--threads") { Description = "Torch threads.", DefaultValueFactory = _ => 2 };
var calls = new Option<int>("--latency-calls") { Description = "Calls for the 100-utterance latency median.", DefaultValueFactory = _ => 200 };
var passes = new Option<int>("--passes") { Description = "Warm tagging passes per setting; the median counts.", DefaultValueFactory = _ => 7 };
var command = new RootCommand("Measure training and tagging speed with the benchmark settings (the PyTorch peer's defaults).")
{
    dataDir, label, batches, threads, calls, passes,
};
command.SetAction(parse =>
{
    try
    {
        NativeMemory.Tune(AllocatorProfile.Training);
        string directory = parse.GetValue(dataDir)!;
        var columns = new ColumnMapping { Label = parse.GetValue(label) };
        var result = SpeedBenchmark.Run(Path.Combine(directory, "train.csv"), Path.Combine(directory, "valid.csv"), columns,
            parse.GetValue(batches), parse.GetValue(threads), parse.GetValue(calls), Math.Max(1, parse.GetValue(passes)), message => Console.Error.WriteLine(message));
        var figures = new List<(string, string)>
        {
            ("cpu_fast_bfloat16", CpuFeatures.HasFastBFloat16 ? "yes" : "no"),
            ("train_batches", $"{result.TrainBatches}"),
            ("train_utterances", $"{result.TrainUtterances}"),
            ("train_tokens", $"{result.TrainTokens}"),
            ("train_mflop_per_utterance", $"{result.TrainFlopsPerUtterance / 1e6:F2}"),
            ("train_gflops", $"{result.TrainGflops:F1}"),
            ("gemm_peak_gflops", $"{result.GemmPeakGflops:F1}"),
            ("share_of_peak", $"{result.ShareOfPeak:F3}"),
            ("infer_utterances", $"{result.InferUtterances}"),
            ("infer_tokens", $"{result.InferTokens}"),
            ("infer_mflop_per_utterance", $"{result.InferFlopsPerUtterance / 1e6:F2}"),
            ("infer_gflops", $"{result.InferGflops:F1}"),
            ("infer_share_of_peak", $"{result.InferGflops / result.GemmPeakGflops:F3}"),
        };
        foreach (var measure in result.Tagging.Skip(1))
        {
            figures.Add(($"lever_{measure.Name}_utterances_per_s", $"{measure.UtterancesPerSecond:F1}"));
            figures.Add(($"lever_{measure.Name}_accuracy", $"{measure.Accuracy:F4}"));
        }
        figures.Add(("infer_pass_seconds", string.Join(",", result.Product.PassSeconds.Select(x => x.ToString("F3")))));
        figures.Add(("infer_precision", result.Product.Precision));
        figures.Add(("infer_accuracy", $"{result.Product.Accuracy:F4}"));
        figures.Add(("latency_100_utterances_ms", $"{result.Latency100Milliseconds:F2}"));
        figures.Add(("train_utterances_per_s", $"{result.TrainUtterancesPerSecond:F1}"));
        figures.Add(("infer_cold_utterances_per_s", $"{result.InferColdUtterancesPerSecond:F1}"));
        figures.Add(("infer_utterances_per_s", $"{result.Product.UtterancesPerSecond:F1}"));
        figures.Add(("peak_rss_mib", $"{result.PeakRssMib:F0}"));
        foreach (var (key, value) in figures) Console.WriteLine($"{key} {value}");
        return 0;
    }
    catch (DialogueActsException ex)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 1;
    }
});
return command.Parse(args).Invoke();
