using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace DialogueActs.LoadTest;

/// <summary>
/// The sessions load test: <c>--clients</c> concurrent live conversations streamed one utterance at a time to
/// <c>--replicas</c> <c>serve</c> processes for <c>--seconds</c> seconds. Without <c>--redis</c> one replica keeps its
/// sessions in memory; with it, a <c>redis-server</c> of the run's own (a free port, no persistence) keeps them and every
/// utterance goes to the next replica, round-robin. Each conversation is <c>--utterances</c> consecutive utterances of
/// the corpus, then ended and followed by a new session. Prints utterances/s and per-utterance p50/p95/p99 latency.
/// </summary>
internal static class SessionRun
{
    public static async Task<int> RunAsync(SessionSettings settings)
    {
        var corpus = CorpusConversations.ReadUtterances(settings.Model, settings.Corpus);
        Console.WriteLine($"corpus: {corpus.Length:N0} utterances from {settings.Corpus}; conversations of {settings.Utterances}");
        Process? redis = null;
        string? redisDirectory = null;
        var servers = new List<ServerProcess>();
        try
        {
            var serveArguments = settings.ServeArguments.ToList();
            if (settings.Redis)
            {
                int port = FreePort();
                redisDirectory = Directory.CreateTempSubdirectory("loadtest-redis-").FullName;
                redis = StartRedis(port, redisDirectory);
                serveArguments.AddRange(["--redis", $"127.0.0.1:{port}"]);
                Console.WriteLine($"redis-server: pid {redis.Id}, 127.0.0.1:{port}, no persistence");
            }
            for (int r = 0; r < settings.Replicas; r++)
                servers.Add(ServerProcess.Start(settings.ServerDll, settings.Model, serveArguments, $"loadtest-replica{r}"));
            var clients = servers.Select(s => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = s.Address,
                Timeout = TimeSpan.FromSeconds(60),
            }).ToArray();
            for (int r = 0; r < servers.Count; r++)
            {
                if (!await servers[r].WaitUntilReadyAsync(clients[r])) return 1;
                Console.WriteLine($"replica {r}: pid {servers[r].Id}, {servers[r].Address}, log {servers[r].LogPath}");
            }
            // Warm-up: one short conversation through every replica.
            await Converse(clients, corpus, start: 0, utterances: 3 * clients.Length, turn: 0, latencies: null);

            Console.WriteLine($"load: {settings.Clients} concurrent sessions for {settings.Seconds} s over {settings.Replicas} replica(s), sessions in {(settings.Redis ? "Redis" : "memory")}");
            var run = Stopwatch.StartNew();
            var deadline = TimeSpan.FromSeconds(settings.Seconds);
            var perClient = new List<double>[settings.Clients];
            int errors = 0, conversations = 0;
            await Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(c => Task.Run(async () =>
            {
                var latencies = perClient[c] = new List<double>();
                for (int n = 0; run.Elapsed < deadline; n++)
                {
                    int start = (c * 7919 + n * settings.Clients * settings.Utterances) % corpus.Length;
                    if (!await Converse(clients, corpus, start, settings.Utterances, turn: c, latencies, () => run.Elapsed >= deadline)) Interlocked.Increment(ref errors);
                    Interlocked.Increment(ref conversations);
                }
            })));
            double elapsed = run.Elapsed.TotalSeconds;
            var all = perClient.SelectMany(l => l).Order().ToArray();
            Console.WriteLine();
            Console.WriteLine($"utterances:   {all.Length:N0} in {elapsed:F1} s over {conversations:N0} sessions");
            Console.WriteLine($"throughput:   {all.Length / elapsed:F1} requests/s (one utterance each)");
            Console.WriteLine($"latency (ms): p50 {Percentiles.Of(all, 50):F2}  p95 {Percentiles.Of(all, 95):F2}  p99 {Percentiles.Of(all, 99):F2}  max {(all.Length > 0 ? all[^1] : double.NaN):F1}");
            Console.WriteLine($"errors:       {errors} sessions with a failed request");
            return errors == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var server in servers)
            {
                if (server.HasExited) Console.Error.WriteLine($"error: replica pid {server.Id} exited during the run with code {server.ExitCode}; its log: {server.LogPath}");
                else
                {
                    server.Terminate();
                    if (!server.WaitForExit(TimeSpan.FromSeconds(30))) server.Kill();
                }
                server.Dispose();
            }
            if (redis is not null)
            {
                redis.Kill();
                redis.WaitForExit();
                redis.Dispose();
            }
            if (redisDirectory is not null) Directory.Delete(redisDirectory, recursive: true);
        }
    }

    /// <summary>
    /// One session over <paramref name="utterances"/> corpus utterances from <paramref name="start"/>: each request to the
    /// next replica; each utterance's latency added to <paramref name="latencies"/>. False when a request failed.
    /// </summary>
    private static async Task<bool> Converse(HttpClient[] replicas, (string Conversation, string? Speaker, string Text)[] corpus, int start, int utterances,
        int turn, List<double>? latencies, Func<bool>? stop = null)
    {
        using var started = await replicas[turn++ % replicas.Length].PostAsync("/v1/sessions", Json(new { lag = 2 }));
        if (started.StatusCode != HttpStatusCode.Created) return Report(started, "start");
        string id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        for (int i = 0; i < utterances && stop?.Invoke() != true; i++)
        {
            var u = corpus[(start + i) % corpus.Length];
            long t = Stopwatch.GetTimestamp();
            using var response = await replicas[turn++ % replicas.Length].PostAsync($"/v1/sessions/{id}/utterances?index={i}", Json(new { speaker = u.Speaker, text = u.Text }));
            await response.Content.ReadAsByteArrayAsync();
            latencies?.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK) return Report(response, $"utterance {i}");
        }
        using var ended = await replicas[turn % replicas.Length].PostAsync($"/v1/sessions/{id}/end", null);
        return ended.StatusCode == HttpStatusCode.OK || Report(ended, "end");
    }

    private static bool Report(HttpResponseMessage response, string what)
    {
        Console.Error.WriteLine($"{what}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        return false;
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static Process StartRedis(int port, string directory)
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--dir", directory, "--save", "", "--appendonly", "no", "--loglevel", "warning" })
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (int i = 0; i < 200; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return process;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException($"redis-server did not listen on {port}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
