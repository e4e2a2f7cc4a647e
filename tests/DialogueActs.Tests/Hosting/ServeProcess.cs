using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DialogueActs.Tests.Hosting;

/// <summary>A <c>dialogue-acts serve</c> process on a free port of 127.0.0.1, its output collected line by line; killed on dispose.</summary>
internal sealed partial class ServeProcess : IDisposable
{
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process)
    {
        Process = process;
        Process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            Output.Enqueue(e.Data);
            if (ListeningRegex().Match(e.Data) is { Success: true } match) _listening.TrySetResult(new Uri(match.Groups[1].Value));
        };
        Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue(e.Data); };
        Process.Start();
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>Starts <c>serve</c> with <paramref name="arguments"/> after <c>--urls http://127.0.0.1:0</c>.</summary>
    public static ServeProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dialogue-acts.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        return new ServeProcess(new Process { StartInfo = start });
    }

    /// <summary>The address it listens on; fails after 90 s without one.</summary>
    public async Task<Uri> ListeningAsync()
    {
        var ready = await Task.WhenAny(_listening.Task, Task.Delay(TimeSpan.FromSeconds(90)));
        Assert.True(ready == _listening.Task, "no 'Now listening on' line: " + string.Join("\n", Output));
        return await _listening.Task;
    }

    /// <summary>Kills it at once (SIGKILL), as a crashed or evicted replica.</summary>
    public void Kill()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
        }
        Process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningRegex();
}
