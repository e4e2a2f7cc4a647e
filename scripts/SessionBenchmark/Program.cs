using System.CommandLine;
using DialogueActs;
using DialogueActs.Benchmarks;

// Session latency and memory of a causal model.zip; see scripts/benchmark-session.sh.
var model = new Option<string>("--model") { Description = "A causal model file (model.zip, model.conversationDirection \"forward\").", Required = true };
var data = new Option<string>("--data") { Description = "Corpus (CSV or JSONL, labelled or not; CSV columns as in the model's config).", Required = true };
var threads = new Option<int>("--threads") { Description = "Torch threads and sentence encoder threads.", DefaultValueFactory = _ => SessionBenchmark.DefaultThreads };
var lag = new Option<int>("--lag") { Description = "The sessions' lag.", DefaultValueFactory = _ => SessionBenchmark.DefaultLag };
var sessions = new Option<int>("--sessions") { Description = "Sessions held open for the memory figure.", DefaultValueFactory = _ => SessionBenchmark.DefaultSessions };
var utterances = new Option<int>("--utterances") { Description = "Utterances added to each open session.", DefaultValueFactory = _ => SessionBenchmark.DefaultUtterancesPerSession };
var command = new RootCommand("Measure the per-utterance latency and the memory per open session of a causal model.zip.")
{
    model, data, threads, lag, sessions, utterances,
};
command.SetAction(parse =>
{
    try
    {
        NativeMemory.Tune(AllocatorProfile.Serving);
        var r = SessionBenchmark.Run(parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(threads), parse.GetValue(lag),
            parse.GetValue(sessions), parse.GetValue(utterances), message => Console.Error.WriteLine(message));
        Console.WriteLine($"cpu {r.Cpu}");
        Console.WriteLine($"cores {r.Cores}");
        Console.WriteLine($"torch_threads {r.TorchThreads}");
        Console.WriteLine($"model {r.ModelPath}");
        Console.WriteLine($"lag {r.Lag}");
        Console.WriteLine($"sentence_encoder {r.SentenceEncoder}");

        var s = r.LatencyStats;
        Console.WriteLine($"latency_conversation {r.Latency.ConversationId}");
        Console.WriteLine($"latency_utterances {s.Count}");
        Console.WriteLine($"latency_warmup_utterances {r.Latency.WarmupUtterances}");
        Console.WriteLine($"latency_p50_ms {s.P50:F3}");
        Console.WriteLine($"latency_p90_ms {s.P90:F3}");
        Console.WriteLine($"latency_p99_ms {s.P99:F3}");
        Console.WriteLine($"latency_max_ms {s.Max:F3}");
        Console.WriteLine($"latency_mean_ms {s.Mean:F3}");
        for (int i = 0; i < s.Tenths.Count; i++)
        {
            var t = s.Tenths[i];
            Console.WriteLine($"latency_tenth {i + 1} utterances {t.From + 1}-{t.To} p50_ms {t.P50:F3} p99_ms {t.P99:F3}");
        }
        Console.WriteLine($"latency_slope_ms_per_1000_utterances {s.SlopeMsPer1000:F4}");
        Console.WriteLine($"end_ms {r.Latency.EndMilliseconds:F3}");

        var m = r.Memory;
        const double mib = 1024 * 1024;
        Console.WriteLine($"memory_sessions {m.Sessions}");
        Console.WriteLine($"memory_utterances_per_session {m.UtterancesPerSession}");
        Console.WriteLine($"rss_before_mib {m.RssBefore / mib:F1}");
        Console.WriteLine($"rss_after_mib {m.RssAfter / mib:F1}");
        Console.WriteLine($"managed_before_mib {m.ManagedBefore / mib:F1}");
        Console.WriteLine($"managed_after_mib {m.ManagedAfter / mib:F1}");
        Console.WriteLine($"rss_bytes_per_session {m.RssPerSession:F0}");
        Console.WriteLine($"managed_bytes_per_session {m.ManagedPerSession:F0}");
        Console.WriteLine($"sessions_per_gib {m.SessionsPerGib:F0}");
        Console.WriteLine($"native_heap_bytes_per_session {m.NativePerSession:F0}");
        Console.WriteLine($"held_bytes_per_session {m.HeldPerSession:F0}");
        Console.WriteLine($"held_sessions_per_gib {m.HeldSessionsPerGib:F0}");
        return 0;
    }
    catch (DialogueActsException ex)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 1;
    }
});
return command.Parse(args).Invoke();
