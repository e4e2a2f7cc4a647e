using System.Diagnostics;

namespace DialogueActs.LoadTest;

/// <summary>
/// The load test: POST /v1/tag with conversations of <c>--utterances</c> utterances built from a corpus CSV,
/// from <c>--clients</c> concurrent clients for <c>--seconds</c> seconds; prints throughput, latency
/// percentiles, errors and the server's peak memory.
/// </summary>
internal static class LoadRun
{
    private const int MaxRequests = 1_000_000;

    public static async Task<int> RunAsync(Settings settings)
    {
        var conversations = CorpusConversations.Build(settings.Model, settings.Corpus, settings.Utterances, count: 64);
        Console.WriteLine($"corpus: {conversations.Count} request bodies of {settings.Utterances} utterances (mean {conversations.Average(b => b.Length) / 1024.0:F1} KiB) from {settings.Corpus}");

        using var server = ServerProcess.Start(settings.ServerDll, settings.Model, settings.ServeArguments, "loadtest-serve");
        Console.WriteLine($"server: pid {server.Id}, {server.Address}, log {server.LogPath}");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            var clock = Stopwatch.StartNew();
            if (!await server.WaitUntilReadyAsync(client)) return 1;
            Console.WriteLine($"server ready in {clock.Elapsed.TotalSeconds:F1} s; warming up");
            for (int i = 0; i < settings.Clients; i++)
            {
                using var warm = await client.PostAsync("/v1/tag", RequestBodies.Json(conversations[i % conversations.Count]));
                if (!warm.IsSuccessStatusCode) { Console.Error.WriteLine($"error: warm-up request failed with {(int)warm.StatusCode}: {await warm.Content.ReadAsStringAsync()}"); return 1; }
            }

            Console.WriteLine($"load: {settings.Clients} clients for {settings.Seconds} s");
            var results = new ClientResult[settings.Clients];
            int issued = 0;
            var run = Stopwatch.StartNew();
            var deadline = TimeSpan.FromSeconds(settings.Seconds);
            await Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(c => Task.Run(async () =>
            {
                var result = results[c] = new ClientResult();
                int next = c;
                while (run.Elapsed < deadline && Interlocked.Increment(ref issued) <= MaxRequests)
                {
                    var body = conversations[next++ % conversations.Count];
                    long started = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await client.PostAsync("/v1/tag", RequestBodies.Json(body));
                        await response.Content.ReadAsByteArrayAsync();
                        result.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        if (!response.IsSuccessStatusCode) result.Errors++;
                        if ((int)response.StatusCode >= 500) result.ServerErrors++;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        result.Errors++;
                        result.Exceptions++;
                    }
                }
            })));
            double elapsed = run.Elapsed.TotalSeconds;
            string memory = $"VmHWM {Mib(server.StatusKilobytes("VmHWM"))} (VmRSS now {Mib(server.StatusKilobytes("VmRSS"))})";

            var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
            int requests = latencies.Length + results.Sum(r => r.Exceptions);
            Console.WriteLine();
            Console.WriteLine($"requests:     {requests:N0} in {elapsed:F1} s ({settings.Utterances} utterances each)");
            Console.WriteLine($"throughput:   {requests / elapsed:F1} requests/s ({requests * settings.Utterances / elapsed:N0} utterances/s)");
            Console.WriteLine($"latency (ms): p50 {Percentiles.Of(latencies, 50):F1}  p95 {Percentiles.Of(latencies, 95):F1}  p99 {Percentiles.Of(latencies, 99):F1}  max {(latencies.Length > 0 ? latencies[^1] : double.NaN):F1}");
            Console.WriteLine($"errors:       {results.Sum(r => r.Errors)} (5xx: {results.Sum(r => r.ServerErrors)}, connection/timeouts: {results.Sum(r => r.Exceptions)})");
            Console.WriteLine($"server peak memory: {memory}");
        }
        finally
        {
            if (!server.HasExited)
            {
                var stopping = Stopwatch.StartNew();
                server.Terminate();
                if (server.WaitForExit(TimeSpan.FromSeconds(30)))
                    Console.WriteLine($"server stopped on SIGTERM in {stopping.Elapsed.TotalSeconds:F1} s with exit code {server.ExitCode}");
                else
                    Console.WriteLine("server did not stop within 30 s of SIGTERM; killed");
            }
        }
        return 0;
    }

    private static string Mib(long? kb) => kb is long k ? $"{k / 1024.0:F0} MiB" : "unknown (no /proc)";
}
