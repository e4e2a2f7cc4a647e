using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DialogueActs.Tests.Hosting;

/// <summary>
/// A <c>redis-server</c> of its own (Debian's package; <c>.ci/run</c> installs it) on a free port of 127.0.0.1, with an
/// append-only file in a temporary folder so that its keys survive <see cref="RestartAsync"/>. Stopped and removed on dispose.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/redis-server";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "da-redis-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    private RedisServer(int port) => Port = port;

    /// <summary>The port it listens on, the same across restarts.</summary>
    public int Port { get; }

    /// <summary>The connection of <c>DialogueActs:Redis</c>.</summary>
    public string Connection => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists(Executable)) Assert.Fail($"{Executable} not found: install Debian's redis-server (apt-get install -y redis-server; .ci/run does)");
        var server = new RedisServer(FreePort());
        Directory.CreateDirectory(server._directory);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Stops the server (SIGTERM: it writes its append-only file and exits).</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: false);                                                     // SIGKILL would lose nothing either: appendfsync always
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts it again on the same port, with the keys it had.</summary>
    public Task RestartAsync() => StartProcessAsync();

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _directory, "--save", "",
                     "--appendonly", "yes", "--appendfsync", "always", "--protected-mode", "no", "--loglevel", "warning" })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                using var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[64];
                int read = await stream.ReadAsync(buffer);
                if (System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal)) return;
            }
            catch (SocketException)
            {
            }
            if (_process.HasExited || DateTime.UtcNow > deadline) Assert.Fail($"redis-server did not start on port {Port}");
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
