using System.CommandLine;

namespace DialogueActs.Benchmarks;

/// <summary><c>Benchmarks session</c>: session latency and memory of a causal model.zip; see scripts/benchmark-session.sh.</summary>
internal static class SessionCommand
{
    public static Command Create()
    {
        var model = BenchmarkCommand.Path("--model", "A causal model file (model.zip, model.conversationDirection \"forward\").");
        var data = BenchmarkCommand.Path("--data", "Corpus (CSV or JSONL, labelled or not; CSV columns as in the model's config).");
        var threads = BenchmarkCommand.Threads("Torch threads and sentence encoder threads.");
        var lag = BenchmarkCommand.Count("--lag", "The sessions' lag.", SessionBenchmark.DefaultLag);
        var sessions = BenchmarkCommand.Count("--sessions", "Sessions held open for the memory figure.", SessionBenchmark.DefaultSessions);
        var utterances = BenchmarkCommand.Count("--utterances", "Utterances added to each open session.", SessionBenchmark.DefaultUtterancesPerSession);
        var command = new Command("session", "Measure the per-utterance latency and the memory per open session of a causal model.zip.")
        {
            model, data, threads, lag, sessions, utterances,
        };
        BenchmarkCommand.SetAction(command, AllocatorProfile.Serving, parse =>
        {
            var r = SessionBenchmark.Run(parse.GetValue(model)!, parse.GetValue(data)!, BenchmarkCommand.AtLeast(parse, threads, 1),
                BenchmarkCommand.AtLeast(parse, lag, 0), BenchmarkCommand.AtLeast(parse, sessions, 1), BenchmarkCommand.AtLeast(parse, utterances, 1),
                BenchmarkCommand.Log);
            var s = r.LatencyStats;
            var m = r.Memory;
            const double mib = 1024 * 1024;
            var figures = new List<Figure>
            {
                new("cpu", r.Cpu),
                new("cores", $"{r.Cores}"),
                new("torch_threads", $"{r.TorchThreads}"),
                new("model", r.ModelPath),
                new("lag", $"{r.Lag}"),
                new("sentence_encoder", r.SentenceEncoder),
                new("latency_conversation", r.Latency.ConversationId),
                new("latency_utterances", $"{s.Count}"),
                new("latency_warmup_utterances", $"{r.Latency.WarmupUtterances}"),
                new("latency_p50_ms", $"{s.P50:F3}"),
                new("latency_p90_ms", $"{s.P90:F3}"),
                new("latency_p99_ms", $"{s.P99:F3}"),
                new("latency_max_ms", $"{s.Max:F3}"),
                new("latency_mean_ms", $"{s.Mean:F3}"),
            };
            figures.AddRange(s.Tenths.Select((t, i) => new Figure("latency_tenth", $"{i + 1} utterances {t.From + 1}-{t.To} p50_ms {t.P50:F3} p99_ms {t.P99:F3}")));
            figures.AddRange(
            [
                new("latency_slope_ms_per_1000_utterances", $"{s.SlopeMsPer1000:F4}"),
                new("end_ms", $"{r.Latency.EndMilliseconds:F3}"),
                new("memory_sessions", $"{m.Sessions}"),
                new("memory_utterances_per_session", $"{m.UtterancesPerSession}"),
                new("rss_before_mib", $"{m.RssBefore / mib:F1}"),
                new("rss_after_mib", $"{m.RssAfter / mib:F1}"),
                new("managed_before_mib", $"{m.ManagedBefore / mib:F1}"),
                new("managed_after_mib", $"{m.ManagedAfter / mib:F1}"),
                new("rss_bytes_per_session", $"{m.RssPerSession:F0}"),
                new("managed_bytes_per_session", $"{m.ManagedPerSession:F0}"),
                new("sessions_per_gib", $"{m.SessionsPerGib:F0}"),
                new("native_heap_bytes_per_session", $"{m.NativePerSession:F0}"),
                new("held_bytes_per_session", $"{m.HeldPerSession:F0}"),
                new("held_sessions_per_gib", $"{m.HeldSessionsPerGib:F0}"),
            ]);
            return figures;
        });
        return command;
    }
}
