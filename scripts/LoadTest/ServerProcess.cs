using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace DialogueActs.LoadTest;

/// <summary>
/// <c>dialogue-acts serve</c> as a child process on a free 127.0.0.1 port, its output in a log file,
/// with its memory read from <c>/proc/PID/status</c> and a graceful stop by SIGTERM.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, StreamWriter log, Uri address, string logPath)
    {
        _process = process;
        _log = log;
        Address = address;
        LogPath = logPath;
    }

    /// <summary>The server's base address.</summary>
    public Uri Address { get; }

    /// <summary>The file that receives the server's standard output and error.</summary>
    public string LogPath { get; }

    /// <summary>The server's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the server has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>dotnet SERVER serve --model MODEL --urls http://127.0.0.1:PORT EXTRA...</c>.</summary>
    public static ServerProcess Start(string serverDll, string model, IEnumerable<string> serveArguments, string logName)
    {
        var address = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        string logPath = Path.Combine(Path.GetTempPath(), $"{logName}-{Environment.ProcessId}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { serverDll, "serve", "--model", model, "--urls", address.ToString().TrimEnd('/') }.Concat(serveArguments))
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, log, address, logPath);
    }

    /// <summary>Waits until <c>GET /healthz</c> answers 200; false when the server exits or 120 s pass first.</summary>
    public async Task<bool> WaitUntilReadyAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        while (!await IsHealthyAsync(client))
        {
            if (_process.HasExited)
            {
                Console.Error.WriteLine($"error: the server exited with code {_process.ExitCode} before it was ready; see {LogPath}");
                return false;
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                Console.Error.WriteLine($"error: the server was not ready within 120 s; see {LogPath}");
                return false;
            }
            await Task.Delay(200);
        }
        return true;
    }

    /// <summary>A field of <c>/proc/PID/status</c> in kB (e.g. <c>VmRSS</c>, <c>VmHWM</c>), or null without /proc.</summary>
    public long? StatusKilobytes(string field) => StatusValue(field) is string v && v.EndsWith(" kB", StringComparison.Ordinal)
        && long.TryParse(v[..^3], out long kb) ? kb : null;

    /// <summary>A field of <c>/proc/PID/status</c> as written (e.g. <c>Threads</c>), or null.</summary>
    public string? StatusValue(string field)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{_process.Id}/status"))
                if (line.StartsWith(field + ":", StringComparison.Ordinal)) return line[(field.Length + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    /// <summary>Sends SIGTERM.</summary>
    public void Terminate()
    {
        if (kill(_process.Id, SigTerm) != 0) throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the process to exit (and its output to drain); false on timeout.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit();
        return true;
    }

    /// <summary>Kills the server if it still runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
    }

    /// <summary>Kills the server if it still runs and closes the log.</summary>
    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private static async Task<bool> IsHealthyAsync(HttpClient client)
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

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
