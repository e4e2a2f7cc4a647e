using System.CommandLine;

namespace DialogueActs.Benchmarks;

/// <summary><c>Benchmarks tagging</c>: the tagging speed of a trained model.zip as a user gets it; see scripts/benchmark-tagging.sh.</summary>
internal static class TaggingCommand
{
    public static Command Create()
    {
        var model = BenchmarkCommand.Path("--model", "Model file (model.zip).");
        var data = BenchmarkCommand.Path("--data", "Corpus to tag (CSV or JSONL, labelled or not; CSV columns as in the model's config).");
        var threads = BenchmarkCommand.Threads("Torch threads and sentence encoder threads.");
        var repeats = BenchmarkCommand.Count("--repeats", "Timed passes over the corpus (after one warm-up pass); the median is printed.", 3);
        var calls = BenchmarkCommand.Count("--latency-calls", "Calls for the 100-utterance latency median.", 50);
        var command = new Command("tagging", "Measure the tagging speed, latency and peak memory of a trained model.zip.")
        {
            model, data, threads, repeats, calls,
        };
        BenchmarkCommand.SetAction(command, AllocatorProfile.Serving, parse =>
        {
            var result = TaggingBenchmark.Run(parse.GetValue(model)!, parse.GetValue(data)!, BenchmarkCommand.AtLeast(parse, threads, 1),
                BenchmarkCommand.AtLeast(parse, repeats, 1), BenchmarkCommand.AtLeast(parse, calls, 1), BenchmarkCommand.Log);
            return
            [
                new("model_mib", $"{result.ModelMib:F1}"),
                new("load_seconds", $"{result.LoadSeconds:F2}"),
                new("utterances", $"{result.Utterances}"),
                new("tag_utterances_per_s", $"{result.TagUtterancesPerSecond:F1}"),
                // The latency conversation is shorter than 100 utterances when the corpus has no conversation that long.
                new("latency_utterances", $"{result.LatencyUtterances}"),
                new("latency_100_utterances_ms", $"{result.LatencyMilliseconds:F2}"),
                new("peak_rss_mib", $"{result.PeakRssMib:F0}"),
                new("sentence_encoder", result.SentenceEncoder),
            ];
        });
        return command;
    }
}
