using System.Globalization;

namespace DialogueActs.LoadTest;

/// <summary>Everything a soak observed.</summary>
/// <param name="Settings">The soak's settings.</param>
/// <param name="Mix">The request kinds.</param>
/// <param name="Results">Every request of the soak proper.</param>
/// <param name="Finals">The last requests, in flight when SIGTERM arrived.</param>
/// <param name="Memory">The VmRSS samples.</param>
/// <param name="SigtermMs">When SIGTERM was sent, in ms since the soak began.</param>
/// <param name="ExitCode">The server's exit code, or null when it did not exit within 90 s (it was then killed).</param>
/// <param name="ExitSeconds">Seconds from SIGTERM to exit.</param>
/// <param name="LogPath">The server's log.</param>
internal sealed record SoakOutcome(SoakSettings Settings, SoakRequestMix Mix, IReadOnlyList<SoakResult> Results, IReadOnlyList<SoakResult> Finals,
    IReadOnlyList<MemorySample> Memory, double SigtermMs, int? ExitCode, double ExitSeconds, string LogPath);

/// <summary>Prints a soak's outcome: counts by kind and status, latency, the memory series and growth, and the SIGTERM result.</summary>
internal static class SoakReport
{
    /// <summary>Growth allowed from the sample at one minute to the end.</summary>
    private const double AllowedGrowthPercent = 5;

    public static void Print(SoakOutcome o)
    {
        var all = o.Results;
        double seconds = all.Count == 0 ? 0 : all.Max(r => r.EndMs) / 1000;
        Console.WriteLine();
        Console.WriteLine($"requests: {all.Count:N0} in {seconds:F0} s from {o.Settings.Clients} clients ({all.Count / Math.Max(seconds, 1e-9):F1}/s)");
        Console.WriteLine($"{"kind",-24} {"valid",5} {"expect",6} {"count",6}  {"outcomes",-28} {"p50",7} {"p95",7} {"p99",7} {"max",7} (ms)");
        foreach (var kind in o.Mix.Kinds)
        {
            var rows = all.Where(r => r.Kind == kind.Kind).ToArray();
            string outcomes = string.Join(", ", rows.GroupBy(r => r.Outcome).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}×{g.Count()}"));
            var latency = rows.Where(r => r.Status is not null).Select(r => r.LatencyMs).Order().ToArray();
            Console.WriteLine($"{kind.Kind,-24} {(kind.Valid ? "yes" : "no"),5} {kind.ExpectedStatus?.ToString(CultureInfo.InvariantCulture) ?? "-",6} {rows.Length,6}  {outcomes,-28} " +
                $"{Percentiles.Of(latency, 50),7:F0} {Percentiles.Of(latency, 95),7:F0} {Percentiles.Of(latency, 99),7:F0} {(latency.Length > 0 ? latency[^1] : double.NaN),7:F0}");
        }
        Console.WriteLine("by status: " + string.Join(", ", all.GroupBy(r => r.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count():N0}")));

        int serverErrors = all.Concat(o.Finals).Count(r => r.Status >= 500);
        int beforeSigterm = o.Finals.Count(r => r.EndMs <= o.SigtermMs && r.Status != 200);
        if (beforeSigterm > 0) Console.WriteLine($"last requests that failed before SIGTERM: {beforeSigterm}");
        var validErrors = all.Where(r => r.Valid && r.ExpectedStatus is not null && r.Status != r.ExpectedStatus).ToArray();
        var unexpected = all.Where(r => !r.Valid && r.Status is not null && r.Status != r.ExpectedStatus).ToArray();
        var noResponse = all.Where(r => r.Status is null && r.ExpectedStatus is not null).ToArray();
        Console.WriteLine($"5xx: {serverErrors}");
        Console.WriteLine($"errors on valid requests: {validErrors.Length}" + Examples(validErrors));
        Console.WriteLine($"invalid requests answered with another status than expected: {unexpected.Length}" + Examples(unexpected));
        Console.WriteLine($"requests without a response (other than planned client aborts): {noResponse.Length}" + Examples(noResponse));
        var valid = all.Where(r => r.Valid && r.Status == 200).Select(r => r.LatencyMs).Order().ToArray();
        Console.WriteLine($"latency of valid requests answered 200 (ms): p50 {Percentiles.Of(valid, 50):F0}  p95 {Percentiles.Of(valid, 95):F0}  p99 {Percentiles.Of(valid, 99):F0}  max {(valid.Length > 0 ? valid[^1] : double.NaN):F0}  (n = {valid.Length:N0})");

        Console.WriteLine();
        Console.WriteLine("server VmRSS (MiB) every " + o.Settings.SampleSeconds + " s:");
        Console.WriteLine("  " + string.Join(" ", o.Memory.Select(m => m.RssMib.ToString("F0", CultureInfo.InvariantCulture))));
        double? growth = null, meanGrowth = null;
        var atOneMinute = o.Memory.FirstOrDefault(m => m.Seconds >= 59.5);
        var end = o.Memory.Count > 0 ? o.Memory[^1] : null;
        if (atOneMinute is not null && end is not null && end != atOneMinute)
        {
            growth = 100.0 * (end.RssKilobytes - atOneMinute.RssKilobytes) / atOneMinute.RssKilobytes;
            var after = o.Memory.Where(m => m.Seconds >= atOneMinute.Seconds).ToArray();
            Console.WriteLine($"memory at {atOneMinute.Seconds:F0} s: {atOneMinute.RssMib:F1} MiB; at the end ({end.Seconds:F0} s): {end.RssMib:F1} MiB; growth {growth:+0.0;-0.0}% " +
                $"(range after 1 min {after.Min(m => m.RssMib):F1}–{after.Max(m => m.RssMib):F1} MiB; threads {after.Min(m => m.Threads)}–{after.Max(m => m.Threads)})");
            // Single samples move with the number of long conversations being tagged at that instant; minute means show the trend.
            var second = o.Memory.Where(m => m.Seconds >= 59.5 && m.Seconds < 119.5).ToArray();
            var last = o.Memory.Where(m => m.Seconds > end.Seconds - 60).ToArray();
            if (second.Length > 0 && end.Seconds >= 179.5)
            {
                double a = second.Average(m => m.RssMib), b = last.Average(m => m.RssMib);
                meanGrowth = 100 * (b - a) / a;
                Console.WriteLine($"mean of the second minute: {a:F1} MiB; mean of the last minute: {b:F1} MiB; growth {meanGrowth:+0.0;-0.0}%");
            }
        }
        else
        {
            Console.WriteLine("memory growth: not measured (the soak was shorter than a minute or /proc is missing)");
        }

        Console.WriteLine();
        var inFlight = o.Finals.Where(r => r.StartMs < o.SigtermMs && r.EndMs > o.SigtermMs).ToArray();
        Console.WriteLine($"SIGTERM at {o.SigtermMs / 1000:F1} s with {inFlight.Length} requests in flight ({string.Join(", ", o.Finals.Select(f => f.Kind).Distinct())}): " +
            $"{inFlight.Count(r => r.Status == 200)} completed with 200, {inFlight.Count(r => r.Status != 200)} failed" + Examples(inFlight.Where(r => r.Status != 200).ToArray()));
        var late = o.Finals.Where(r => r.StartMs >= o.SigtermMs).ToArray();
        Console.WriteLine($"  before SIGTERM {o.Finals.Count(r => r.EndMs <= o.SigtermMs)} of these requests completed; " +
            $"{late.Length} started after it (a server that is stopping may refuse them): " + string.Join(", ", late.GroupBy(r => r.Outcome).Select(g => $"{g.Key}×{g.Count()}")));
        Console.WriteLine(o.ExitCode is int code
            ? $"server exited with code {code} {o.ExitSeconds:F1} s after SIGTERM"
            : "server did not exit within 90 s of SIGTERM; killed");
        int logFailures = File.Exists(o.LogPath) ? File.ReadLines(o.LogPath).Count(l => l.Contains(" fail: ", StringComparison.Ordinal) || l.Contains(" crit: ", StringComparison.Ordinal)) : -1;
        Console.WriteLine($"server log: {logFailures} fail/crit lines ({o.LogPath})");

        // A leak is a trend: minute means judge it when the soak is long enough; single samples move with the number
        // of long conversations in flight at that instant.
        bool ok = serverErrors == 0 && validErrors.Length == 0 && (meanGrowth ?? growth) is double g && g <= AllowedGrowthPercent
            && inFlight.Length > 0 && inFlight.All(r => r.Status == 200) && o.ExitCode == 0;
        Console.WriteLine();
        Console.WriteLine(ok
            ? $"soak: PASS (no 5xx, no errors on valid requests, memory growth ≤ {AllowedGrowthPercent}% after the first minute{(meanGrowth is null ? "" : " (minute means)")}, in-flight requests completed on SIGTERM, exit code 0)"
            : "soak: FAIL (see above)");
    }

    private static string Examples(IReadOnlyList<SoakResult> rows) => rows.Count == 0 ? "" :
        " — " + string.Join("; ", rows.GroupBy(r => $"{r.Kind}: {r.Outcome}").Take(5).Select(g => $"{g.Key} ×{g.Count()}"));
}
