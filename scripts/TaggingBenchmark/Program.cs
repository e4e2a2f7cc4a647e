using System.CommandLine;
using DialogueActs;
using DialogueActs.Benchmarks;

// Tagging speed of a trained model.zip as a user gets it; see scripts/benchmark-tagging.sh.
var model = new Option<string>("--model") { Description = "Model file (model.zip).", Required = true };
var data = new Option<string>("--data") { Description = "Corpus to tag (CSV or JSONL, labelled or not; CSV columns as in the model's config).", Required = true };
var threads = new Option<int>("--threads") { Description = "Torch threads and sentence encoder threads.", DefaultValueFactory = _ => 2 };
var repeats = new Option<int>("--repeats") { Description = "Timed passes over the corpus (after one warm-up pass); the median is printed.", DefaultValueFactory = _ => 3 };
var calls = new Option<int>("--latency-calls") { Description = "Calls for the 100-utterance latency median.", DefaultValueFactory = _ => 50 };
var command = new RootCommand("Measure the tagging speed, latency and peak memory of a trained model.zip.")
{
    model, data, threads, repeats, calls,
};
command.SetAction(parse =>
{
    try
    {
        NativeMemory.Tune(AllocatorProfile.Serving);
        var result = TaggingBenchmark.Run(parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(threads), parse.GetValue(repeats),
            parse.GetValue(calls), message => Console.Error.WriteLine(message));
        Console.WriteLine($"model_mib {result.ModelMib:F1}");
        Console.WriteLine($"load_seconds {result.LoadSeconds:F2}");
        Console.WriteLine($"utterances {result.Utterances}");
        Console.WriteLine($"tag_utterances_per_s {result.TagUtterancesPerSecond:F1}");
        // The latency conversation is shorter than 100 utterances when the corpus has no conversation that long.
        Console.WriteLine($"latency_utterances {result.LatencyUtterances}");
        Console.WriteLine($"latency_100_utterances_ms {result.LatencyMilliseconds:F2}");
        Console.WriteLine($"peak_rss_mib {result.PeakRssMib:F0}");
        Console.WriteLine($"sentence_encoder {result.SentenceEncoder}");
        return 0;
    }
    catch (DialogueActsException ex)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 1;
    }
});
return command.Parse(args).Invoke();
