using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace DialogueActs.LoadTest;

/// <summary>
/// The soak: <c>--clients</c> clients send a mix of valid and invalid requests (<see cref="SoakRequestMix"/>) for
/// <c>--seconds</c> seconds while the server's VmRSS is sampled; then every client sends the corpus's longest
/// conversation, again and again, and SIGTERM arrives while those requests are in flight. <see cref="SoakReport"/> prints the result.
/// </summary>
internal static class SoakRun
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(SoakSettings settings)
    {
        var windows = CorpusConversations.Build(settings.Model, settings.Corpus, utterances: 100, count: 64);
        var shortBodies = CorpusConversations.Build(settings.Model, settings.Corpus, utterances: 20, count: 320);
        var longest = CorpusConversations.Longest(settings.Model, settings.Corpus);
        Console.WriteLine($"corpus: {settings.Corpus}; longest conversation {longest.Id}: {longest.Utterances:N0} utterances, {longest.Body.Length / 1024.0:F0} KiB as a request");

        using var server = ServerProcess.Start(settings.ServerDll, settings.Model, settings.ServeArguments, "soak-serve");
        Console.WriteLine($"server: pid {server.Id}, {server.Address}, log {server.LogPath}");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            if (!await server.WaitUntilReadyAsync(client)) return 1;
            using var model = JsonDocument.Parse(await client.GetStringAsync("/v1/model"));
            var limits = model.RootElement.GetProperty("limits").Clone();
            Console.WriteLine($"limits: {limits.GetRawText()}");
            var mix = new SoakRequestMix(windows, shortBodies, longest.Body, limits);

            var clock = Stopwatch.StartNew();
            var warm = await SendAsync(client, mix.Longest, clock);
            if (warm.Status != 200) { Console.Error.WriteLine($"error: the longest conversation got {warm.Outcome} at warm-up; see {server.LogPath}"); return 1; }
            Console.WriteLine($"warm-up: {longest.Id} tagged in {warm.LatencyMs:F0} ms");

            Console.WriteLine($"soak: {settings.Clients} clients for {settings.Seconds} s; VmRSS every {settings.SampleSeconds} s");
            clock.Restart();
            var sampler = new MemorySampler(server, TimeSpan.FromSeconds(settings.SampleSeconds), clock);
            sampler.Start();
            var results = new ConcurrentBag<SoakResult>();
            var finals = new ConcurrentBag<SoakResult>();
            var deadline = TimeSpan.FromSeconds(settings.Seconds);
            int finalsStarted = 0;
            var sigtermSent = new CancellationTokenSource();
            var clients = Enumerable.Range(0, settings.Clients).Select(c => Task.Run(async () =>
            {
                var random = new Random(settings.Seed * 1000 + c);
                while (clock.Elapsed < deadline) results.Add(await SendAsync(client, mix.Next(random), clock));
                // Then the longest conversation, again and again until SIGTERM, so that every client has one in flight when it arrives.
                Interlocked.Increment(ref finalsStarted);
                while (!sigtermSent.IsCancellationRequested) finals.Add(await SendAsync(client, mix.Longest, clock));
            })).ToArray();

            while (clock.Elapsed < deadline) await Task.Delay(100);
            await sampler.StopAsync("(end)");
            while (Volatile.Read(ref finalsStarted) < settings.Clients) await Task.Delay(10);
            await Task.Delay(TimeSpan.FromSeconds(2));
            double sigterm = clock.Elapsed.TotalMilliseconds;
            server.Terminate();
            sigtermSent.Cancel();
            bool exited = server.WaitForExit(TimeSpan.FromSeconds(90));
            double exitedAt = clock.Elapsed.TotalMilliseconds;
            if (!exited) server.Kill();
            await Task.WhenAll(clients);

            SoakReport.Print(new SoakOutcome(settings, mix, results.ToArray(), finals.ToArray(), sampler.Samples, sigterm,
                exited ? server.ExitCode : null, (exitedAt - sigterm) / 1000, server.LogPath));
            return 0;
        }
        finally
        {
            server.Kill();
        }
    }

    private static async Task<SoakResult> SendAsync(HttpClient client, SoakRequest kind, Stopwatch clock)
    {
        double start = clock.Elapsed.TotalMilliseconds;
        using var timeout = new CancellationTokenSource(kind.AbortAfter ?? RequestTimeout);
        SoakResult Done(int? status, string? failure) =>
            new(kind.Kind, kind.Valid, kind.ExpectedStatus, status, failure, start, clock.Elapsed.TotalMilliseconds);
        try
        {
            using var request = kind.Create();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return Done((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (kind.AbortAfter is not null && timeout.IsCancellationRequested)
        {
            return Done(null, "aborted by the client");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            var inner = ex;
            while (inner.InnerException is not null) inner = inner.InnerException;
            return Done(null, inner == ex ? ex.GetType().Name : $"{ex.GetType().Name}: {inner.GetType().Name}: {inner.Message}");
        }
    }
}
