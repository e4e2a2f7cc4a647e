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
var command = new RootCommand("Measure training and tagging speed with the benchmark settings (the PyTorch peer's defaults).")
{
    dataDir, label, batches, threads, calls,
};
command.SetAction(parse =>
{
    try
    {
        NativeMemory.Tune(AllocatorProfile.Training);
        string directory = parse.GetValue(dataDir)!;
        var columns = new ColumnMapping { Label = parse.GetValue(label) };
        var result = SpeedBenchmark.Run(Path.Combine(directory, "train.csv"), Path.Combine(directory, "valid.csv"), columns,
            parse.GetValue(batches), parse.GetValue(threads), parse.GetValue(calls), message => Console.Error.WriteLine(message));
        Console.WriteLine($"train_batches {result.TrainBatches}");
        Console.WriteLine($"train_utterances {result.TrainUtterances}");
        Console.WriteLine($"train_tokens {result.TrainTokens}");
        Console.WriteLine($"train_mflop_per_utterance {result.TrainFlopsPerUtterance / 1e6:F2}");
        Console.WriteLine($"train_gflops {result.TrainGflops:F1}");
        Console.WriteLine($"gemm_peak_gflops {result.GemmPeakGflops:F1}");
        Console.WriteLine($"share_of_peak {result.ShareOfPeak:F3}");
        Console.WriteLine($"latency_100_utterances_ms {result.Latency100Milliseconds:F2}");
        Console.WriteLine($"train_utterances_per_s {result.TrainUtterancesPerSecond:F1}");
        Console.WriteLine($"infer_utterances_per_s {result.InferUtterancesPerSecond:F1}");
        Console.WriteLine($"peak_rss_mib {result.PeakRssMib:F0}");
        return 0;
    }
    catch (DialogueActsException ex)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 1;
    }
});
return command.Parse(args).Invoke();
