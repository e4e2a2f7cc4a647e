// Load test for `dialogue-acts serve`: starts the server on 127.0.0.1, sends POST /v1/tag with
// conversations of --utterances utterances built from a corpus CSV from --clients concurrent clients
// for --seconds seconds, then prints throughput, latency percentiles, errors and the server's peak memory.
// Traffic goes to the loopback address only, and the run is bounded in time and in requests.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using DialogueActs.LoadTest;

const int MaxRequests = 1_000_000;
const int SigTerm = 15;

var settings = Settings.Parse(args);
if (settings is null) return 2;

var conversations = CorpusConversations.Build(settings.Model, settings.Corpus, settings.Utterances, count: 64);
Console.WriteLine($"corpus: {conversations.Count} request bodies of {settings.Utterances} utterances (mean {conversations.Average(b => b.Length) / 1024.0:F1} KiB) from {settings.Corpus}");

int port = FreeLoopbackPort();
var baseAddress = new Uri($"http://127.0.0.1:{port}");
string logPath = Path.Combine(Path.GetTempPath(), $"loadtest-serve-{Environment.ProcessId}.log");
using var log = new StreamWriter(logPath) { AutoFlush = true };
var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
foreach (string a in new[] { settings.ServerDll, "serve", "--model", settings.Model, "--urls", baseAddress.ToString().TrimEnd('/') }.Concat(settings.ServeArguments))
    start.ArgumentList.Add(a);
using var server = Process.Start(start)!;
server.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
server.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
server.BeginOutputReadLine();
server.BeginErrorReadLine();
Console.WriteLine($"server: pid {server.Id}, {baseAddress}, log {logPath}");

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
try
{
    var clock = Stopwatch.StartNew();
    while (!await IsHealthy(client))
    {
        if (server.HasExited) { Console.Error.WriteLine($"error: the server exited with code {server.ExitCode} before it was ready; see {logPath}"); return 1; }
        if (clock.Elapsed > TimeSpan.FromSeconds(120)) { Console.Error.WriteLine($"error: the server was not ready within 120 s; see {logPath}"); return 1; }
        await Task.Delay(200);
    }
    Console.WriteLine($"server ready in {clock.Elapsed.TotalSeconds:F1} s; warming up");
    for (int i = 0; i < settings.Clients; i++)
    {
        using var warm = await client.PostAsync("/v1/tag", Body(conversations[i % conversations.Count]));
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
                using var response = await client.PostAsync("/v1/tag", Body(body));
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
    string memory = PeakMemory(server.Id);

    var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
    int requests = latencies.Length + results.Sum(r => r.Exceptions);
    Console.WriteLine();
    Console.WriteLine($"requests:     {requests:N0} in {elapsed:F1} s ({settings.Utterances} utterances each)");
    Console.WriteLine($"throughput:   {requests / elapsed:F1} requests/s ({requests * settings.Utterances / elapsed:N0} utterances/s)");
    Console.WriteLine($"latency (ms): p50 {Percentile(latencies, 50):F1}  p95 {Percentile(latencies, 95):F1}  p99 {Percentile(latencies, 99):F1}  max {(latencies.Length > 0 ? latencies[^1] : double.NaN):F1}");
    Console.WriteLine($"errors:       {results.Sum(r => r.Errors)} (5xx: {results.Sum(r => r.ServerErrors)}, connection/timeouts: {results.Sum(r => r.Exceptions)})");
    Console.WriteLine($"server peak memory: {memory}");
}
finally
{
    if (!server.HasExited)
    {
        var stopping = Stopwatch.StartNew();
        kill(server.Id, SigTerm);
        if (server.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            server.WaitForExit();
            Console.WriteLine($"server stopped on SIGTERM in {stopping.Elapsed.TotalSeconds:F1} s with exit code {server.ExitCode}");
        }
        else
        {
            server.Kill();
            Console.WriteLine("server did not stop within 30 s of SIGTERM; killed");
        }
    }
}
return 0;

static ByteArrayContent Body(byte[] json)
{
    var content = new ByteArrayContent(json);
    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    return content;
}

static async Task<bool> IsHealthy(HttpClient client)
{
    try
    {
        using var response = await client.GetAsync("/healthz");
        return response.IsSuccessStatusCode;
    }
    catch (HttpRequestException)
    {
        return false;
    }
}

static int FreeLoopbackPort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static double Percentile(double[] sorted, double percent) =>
    sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

static string PeakMemory(int pid)
{
    string path = $"/proc/{pid}/status";
    if (!File.Exists(path)) return "unknown (no /proc)";
    var lines = File.ReadAllLines(path);
    string Value(string key) => lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?[key.Length..].Trim() ?? "?";
    return $"VmHWM {Mib(Value("VmHWM:"))} (VmRSS now {Mib(Value("VmRSS:"))})";
}

static string Mib(string kb) => kb.EndsWith(" kB", StringComparison.Ordinal) && long.TryParse(kb[..^3], out long k) ? $"{k / 1024.0:F0} MiB" : kb;

[DllImport("libc", SetLastError = true)]
static extern int kill(int pid, int signal);
