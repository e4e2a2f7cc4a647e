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
        using var running = new RunningServe("--model", _model.ModelPath, "--urls", "http://127.0.0.1:0");
        var (serve, output) = (running.Process, running.Output);
        try
        {
            using var client = new HttpClient { BaseAddress = await running.ListeningAsync() };
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
            // The soak showed resident memory climbing under the training profile's per-thread arenas, and,
            // without trimming, free pages piling up inside the arena heaps.
            Assert.Contains(output, line => line.Contains($"malloc: glibc, serving profile, blocks of 1024 KiB and more mmapped, at most {Math.Max(2, Environment.ProcessorCount)} arenas, trimmed after calls of {(global::DialogueActs.NativeMemory.ServingTrimUtterances)} utterances and more", StringComparison.Ordinal));
        }
        finally
        {
            if (!serve.HasExited) serve.Kill();
        }
    }

    [Fact]
    public async Task SigtermWhileARequestIsInFlightFinishesItWith200ThenExits0()
    {
        using var running = new RunningServe("--model", _model.ModelPath, "--urls", "http://127.0.0.1:0");
        var (serve, shuttingDown) = (running.Process, running.ShuttingDown);
        try
        {
            using var client = new HttpClient { BaseAddress = await running.ListeningAsync(), Timeout = TimeSpan.FromSeconds(120) };

            // A large conversation whose body arrives in two parts: the request is in flight (the server is
            // reading its body) when SIGTERM arrives, and its second part is sent only once the host is stopping.
            var conversation = TrainedModelFixture.Conversations(120, seed: 15).SelectMany(c => c.Utterances).ToArray();
            byte[] body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
            {
                id = "in-flight",
                utterances = conversation.Select(u => new { speaker = u.Speaker, text = u.Text }),
            }));
            var firstPartSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var content = new TwoPartContent(body, firstPartSent, shuttingDown);
            var response = client.PostAsync("/v1/tag", content);

            await firstPartSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(300);
            Assert.Equal(0, kill(serve.Id, SigTerm));
            await shuttingDown.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(response.IsCompleted, "the request finished before SIGTERM");

            using (var answer = await response)
            {
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                using var json = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
                Assert.Equal(conversation.Length, json.RootElement.GetProperty("utterances").GetArrayLength());
            }
            Assert.True(serve.WaitForExit(TimeSpan.FromSeconds(60)), "serve did not stop within 60 s of SIGTERM");
            serve.WaitForExit();
            Assert.Equal(0, serve.ExitCode);
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

    [Fact]
    public async Task TheSessionFlagsSetTheSessionLimits()
    {
        using var running = new RunningServe("--model", _model.CausalModelPath, "--urls", "http://127.0.0.1:0", "--max-sessions", "1",
            "--session-idle-timeout", "7", "--max-utterances-per-session", "3", "--max-session-lag", "2");
        var serve = running.Process;
        try
        {
            using var client = new HttpClient { BaseAddress = await running.ListeningAsync() };
            using (var model = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/v1/model")))
            {
                Assert.True(model.RootElement.GetProperty("streaming").GetBoolean());
                var limits = model.RootElement.GetProperty("limits");
                Assert.Equal((1, 7.0, 3, 2), (limits.GetProperty("maxSessions").GetInt32(), limits.GetProperty("sessionIdleTimeoutSeconds").GetDouble(),
                    limits.GetProperty("maxUtterancesPerSession").GetInt32(), limits.GetProperty("maxSessionLag").GetInt32()));
            }
            using (var tooLarge = await client.PostAsync("/v1/sessions", new StringContent("{\"lag\":3}", Encoding.UTF8, "application/json")))
                Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
            using (var created = await client.PostAsync("/v1/sessions", new StringContent("{\"lag\":2}", Encoding.UTF8, "application/json")))
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using (var refused = await client.PostAsync("/v1/sessions", null))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter!.Delta);
            }
        }
        finally
        {
            if (!serve.HasExited) serve.Kill();
        }
    }

    [Theory]
    [InlineData("--session-idle-timeout", "0", "DialogueActs:SessionIdleTimeout: must be more than 0, got 00:00:00")]
    [InlineData("--max-sessions", "0", "DialogueActs:MaxSessions: must be at least 1, got 0")]
    [InlineData("--max-session-lag", "-1", "DialogueActs:MaxSessionLag: must be at least 0, got -1")]
    public async Task ABadSessionFlagExitsWithOneLineError(string flag, string value, string error)
    {
        using var serve = Serve("--model", _model.CausalModelPath, "--urls", "http://127.0.0.1:0", flag, value);
        serve.Start();
        var stdout = serve.StandardOutput.ReadToEndAsync();
        string stderr = await serve.StandardError.ReadToEndAsync();
        Assert.True(serve.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(1, serve.ExitCode);
        Assert.Equal($"error: {error}", stderr.TrimEnd('\n'));
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

    /// <summary>A started <c>serve</c> process whose output is collected line by line.</summary>
    private sealed class RunningServe : IDisposable
    {
        private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _shuttingDown = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RunningServe(params string[] arguments)
        {
            Process = Serve(arguments);
            Process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                Output.Enqueue(e.Data);
                if (ListeningRegex().Match(e.Data) is { Success: true } match) _listening.TrySetResult(match.Groups[1].Value);
                if (e.Data.Contains("Application is shutting down", StringComparison.Ordinal)) _shuttingDown.TrySetResult();
            };
            Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue(e.Data); };
            Process.Start();
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public ConcurrentQueue<string> Output { get; } = new();

        /// <summary>Completes when the host logs that it is stopping.</summary>
        public Task ShuttingDown => _shuttingDown.Task;

        /// <summary>The address from the "Now listening on" line; fails after 60 s without one.</summary>
        public async Task<Uri> ListeningAsync()
        {
            var ready = await Task.WhenAny(_listening.Task, Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(ready == _listening.Task, "no 'Now listening on' line: " + string.Join("\n", Output));
            return new Uri(await _listening.Task);
        }

        public void Dispose() => Process.Dispose();
    }

    /// <summary>
    /// A chunked body sent in two parts: the first half, then the rest once <paramref name="resume"/> completes.
    /// </summary>
    private sealed class TwoPartContent(byte[] body, TaskCompletionSource firstPartSent, Task resume) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            int half = body.Length / 2;
            await stream.WriteAsync(body.AsMemory(0, half));
            await stream.FlushAsync();
            firstPartSent.TrySetResult();
            await resume;
            await Task.Delay(200);
            await stream.WriteAsync(body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningRegex();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
