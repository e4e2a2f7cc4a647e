using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace DialogueActs.Tests.Hosting;

/// <summary>Runs <c>dialogue-acts serve</c> as a child process, as a user would.</summary>
[Collection(HostingCollection.Name)]
public sealed partial class ServeCommandTests
{
    private const int SigTerm = 15;
    private readonly TrainedModelFixture _model;

    public ServeCommandTests(TrainedModelFixture model) => _model = model;

    [Fact]
    public async Task ServeAnswersOnLoopbackThenStopsGracefullyOnSigterm()
    {
        using var serve = Serve("--model", _model.ModelPath, "--urls", "http://127.0.0.1:0");
        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        serve.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            if (ListeningRegex().Match(e.Data) is { Success: true } match) listening.TrySetResult(match.Groups[1].Value);
        };
        serve.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        serve.Start();
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        try
        {
            var ready = await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(ready == listening.Task, "no 'Now listening on' line: " + string.Join("\n", output));
            using var client = new HttpClient { BaseAddress = new Uri(await listening.Task) };
            Assert.Equal("{\"status\":\"ok\"}", await client.GetStringAsync("/healthz"));
            using var response = await client.PostAsync("/v1/tag",
                new StringContent("{\"id\":\"c1\",\"utterances\":[{\"speaker\":\"A\",\"text\":\"where do you live?\"}]}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            Assert.Equal(0, kill(serve.Id, SigTerm));
            Assert.True(serve.WaitForExit(TimeSpan.FromSeconds(30)), "serve did not stop within 30 s of SIGTERM");
            serve.WaitForExit();
            Assert.Equal(0, serve.ExitCode);
            Assert.Contains(output, line => line.Contains("Application is shutting down", StringComparison.Ordinal));
            Assert.Contains(output, line => line.Contains("Loaded model", StringComparison.Ordinal));
        }
        finally
        {
            if (!serve.HasExited) serve.Kill();
        }
    }

    [Fact]
    public async Task ServeWithAMissingModelExitsWithOneLineError()
    {
        using var serve = Serve("--model", "models/x.zip", "--urls", "http://127.0.0.1:0");
        serve.Start();
        var stdout = serve.StandardOutput.ReadToEndAsync();
        string stderr = await serve.StandardError.ReadToEndAsync();
        Assert.True(serve.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(1, serve.ExitCode);
        Assert.Equal("error: models/x.zip: file not found", stderr.TrimEnd('\n'));
        Assert.DoesNotContain(" at ", await stdout);
    }

    private static Process Serve(params string[] arguments)
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
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        return new Process { StartInfo = start };
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningRegex();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
