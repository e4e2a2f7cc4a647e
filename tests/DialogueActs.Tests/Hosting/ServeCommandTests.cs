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
            "--session-idle-timeout", "00:00:07", "--max-utterances-per-session", "3", "--max-session-lag", "2");
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
    [InlineData("--session-idle-timeout", "00:00:00", "--session-idle-timeout (DialogueActs:SessionIdleTimeout): must be more than 0, got 00:00:00")]
    [InlineData("--session-idle-timeout", "7", "--session-idle-timeout (DialogueActs:SessionIdleTimeout): must be a time span as hh:mm:ss or d.hh:mm:ss (00:00:30 is 30 seconds), got '7'")]
    [InlineData("--max-sessions", "0", "--max-sessions (DialogueActs:MaxSessions): must be at least 1, got 0")]
    [InlineData("--max-session-lag", "-1", "--max-session-lag (DialogueActs:MaxSessionLag): must be at least 0, got -1")]
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

    /// <summary>The three sources of one setting: a flag, a key of appsettings.json in the working directory, an environment variable.</summary>
    public enum Source { Flag, AppSettings, Environment }

    [Theory]
    [InlineData(Source.Flag)]
    [InlineData(Source.AppSettings)]
    [InlineData(Source.Environment)]
    public async Task AFlagAnAppSettingsKeyAndAnEnvironmentVariableSetTheSameSetting(Source source)
    {
        using var running = new RunningServe(ServeWith(source, "TopK", "2", "--model", _model.ModelPath, "--urls", "http://127.0.0.1:0"));
        try
        {
            using var client = new HttpClient { BaseAddress = await running.ListeningAsync() };
            using var model = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/v1/model"));
            Assert.Equal(2, model.RootElement.GetProperty("topK").GetInt32());
            using var response = await client.PostAsync("/v1/tag",
                new StringContent("{\"id\":\"c1\",\"utterances\":[{\"text\":\"where do you live?\"}]}", Encoding.UTF8, "application/json"));
            using var tagged = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(2, tagged.RootElement.GetProperty("utterances")[0].GetProperty("top").GetArrayLength());
        }
        finally
        {
            if (!running.Process.HasExited) running.Process.Kill();
        }
    }

    [Theory]
    [InlineData(Source.Flag, "0", "--top-k (DialogueActs:TopK): must be at least 1, got 0")]
    [InlineData(Source.AppSettings, "0", "--top-k (DialogueActs:TopK): must be at least 1, got 0")]
    [InlineData(Source.Environment, "0", "--top-k (DialogueActs:TopK): must be at least 1, got 0")]
    [InlineData(Source.Flag, "three", "--top-k (DialogueActs:TopK): must be an integer, got 'three'")]
    [InlineData(Source.AppSettings, "three", "--top-k (DialogueActs:TopK): must be an integer, got 'three'")]
    [InlineData(Source.Environment, "three", "--top-k (DialogueActs:TopK): must be an integer, got 'three'")]
    public async Task ABadValueGivesTheSameOneLineErrorFromEverySource(Source source, string value, string error)
    {
        using var serve = ServeWith(source, "TopK", value, "--model", _model.ModelPath, "--urls", "http://127.0.0.1:0");
        var (exitCode, stdout, stderr) = await RunToExitAsync(serve);
        Assert.Equal(1, exitCode);
        Assert.Equal($"error: {error}", stderr.TrimEnd('\n'));
        Assert.DoesNotContain(" at ", stdout);
    }

    [Fact]
    public async Task AFlagWinsOverAnEnvironmentVariableWhichWinsOverAppSettings()
    {
        string dir = WorkingDirectory();
        File.WriteAllText(Path.Combine(dir, "appsettings.json"), $$"""{ "DialogueActs": { "ModelPath": {{System.Text.Json.JsonSerializer.Serialize(_model.ModelPath)}}, "TopK": 1, "MaxSessionLag": 5 } }""");
        using var running = new RunningServe(ServeIn(dir, new() { ["DialogueActs__TopK"] = "2", ["DialogueActs__MaxSessionLag"] = "6" },
            "--urls", "http://127.0.0.1:0", "--top-k", "3"));
        try
        {
            using var client = new HttpClient { BaseAddress = await running.ListeningAsync() };
            using var model = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/v1/model"));
            Assert.Equal(3, model.RootElement.GetProperty("topK").GetInt32());
            Assert.Equal(6, model.RootElement.GetProperty("limits").GetProperty("maxSessionLag").GetInt32());
        }
        finally
        {
            if (!running.Process.HasExited) running.Process.Kill();
        }
    }

    [Fact]
    public async Task AnUnknownFlagOrAppSettingsKeyIsAnError()
    {
        var (exitCode, _, stderr) = await RunToExitAsync(Serve("--model", _model.ModelPath, "--top-kk", "2"));
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Unrecognized command or argument '--top-kk'", stderr, StringComparison.Ordinal);

        string dir = WorkingDirectory();
        File.WriteAllText(Path.Combine(dir, "appsettings.json"), """{ "DialogueActs": { "TopKK": 2 } }""");
        (exitCode, _, stderr) = await RunToExitAsync(ServeIn(dir, [], "--model", _model.ModelPath));
        Assert.Equal(1, exitCode);
        Assert.StartsWith("error: DialogueActs:TopKK: unknown setting (the settings are ModelPath, TopK, ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task HelpListsEveryFlagWithItsKeyAndDefault()
    {
        var (exitCode, stdout, _) = await RunToExitAsync(Serve("--help"));
        Assert.Equal(0, exitCode);
        var defaults = new DialogueActs.Hosting.DialogueActsOptions();
        foreach (var setting in DialogueActs.Hosting.DialogueActsOptionsBinder.Settings)
        {
            string flag = DialogueActs.Cli.ServeSettings.FlagName(setting);
            string line = Assert.Single(stdout.Split('\n'), l => l.TrimStart().StartsWith(flag + " ", StringComparison.Ordinal));
            Assert.Contains($"(DialogueActs:{setting.Name})", line, StringComparison.Ordinal);
            if (setting.Name is not ("ModelPath" or "Redis")) Assert.Contains("[default: ", line, StringComparison.Ordinal);   // empty by default
        }
        Assert.Contains(stdout.Split('\n'), l => l.Contains("--top-k <top-k>", StringComparison.Ordinal) && l.Contains("[default: 3]", StringComparison.Ordinal));
        Assert.Contains(stdout.Split('\n'), l => l.Contains("--session-idle-timeout", StringComparison.Ordinal) && l.Contains("[default: 00:05:00]", StringComparison.Ordinal));
        Assert.Contains(stdout.Split('\n'), l => l.Contains("--tune-native-memory", StringComparison.Ordinal) && l.Contains("[default: true]", StringComparison.Ordinal));
        foreach (string flag in new[] { "--urls", "--threads", "--shutdown-timeout", "--json-logs" })
            Assert.Contains(stdout.Split('\n'), l => l.TrimStart().StartsWith(flag + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TuneNativeMemoryFalseLeavesMallocAlone()
    {
        using var running = new RunningServe(ServeIn(AppContext.BaseDirectory, new() { ["DialogueActs__TuneNativeMemory"] = "false" },
            "--model", _model.ModelPath, "--urls", "http://127.0.0.1:0"));
        try
        {
            using var client = new HttpClient { BaseAddress = await running.ListeningAsync() };
            Assert.Equal("{\"status\":\"ok\"}", await client.GetStringAsync("/healthz"));
            Assert.Contains(running.Output, line => line.Contains("Loaded model", StringComparison.Ordinal) && line.EndsWith("malloc: not tuned", StringComparison.Ordinal));
        }
        finally
        {
            if (!running.Process.HasExited) running.Process.Kill();
        }
    }

    /// <summary><c>serve</c> with <paramref name="setting"/> (a <see cref="DialogueActs.Hosting.DialogueActsOptions"/> property) set from <paramref name="source"/>.</summary>
    private Process ServeWith(Source source, string setting, string value, params string[] arguments)
    {
        string dir = WorkingDirectory();
        var environment = new Dictionary<string, string>();
        if (source == Source.AppSettings)
            File.WriteAllText(Path.Combine(dir, "appsettings.json"), $$"""{ "DialogueActs": { "{{setting}}": {{System.Text.Json.JsonSerializer.Serialize(value)}} } }""");
        if (source == Source.Environment) environment[$"DialogueActs__{setting}"] = value;
        string flag = DialogueActs.Cli.ServeSettings.FlagName(typeof(DialogueActs.Hosting.DialogueActsOptions).GetProperty(setting)!);
        return ServeIn(dir, environment, source == Source.Flag ? [.. arguments, flag, value] : arguments);
    }

    /// <summary>An empty working directory for <c>serve</c>, inside the fixture's (deleted with it).</summary>
    private string WorkingDirectory() => Directory.CreateDirectory(Path.Combine(_model.Dir, "serve-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>Runs <paramref name="serve"/> to its exit (at most 60 s): its exit code and output.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(Process serve)
    {
        using (serve)
        {
            serve.Start();
            var stdout = serve.StandardOutput.ReadToEndAsync();
            string stderr = await serve.StandardError.ReadToEndAsync();
            Assert.True(serve.WaitForExit(TimeSpan.FromSeconds(60)));
            return (serve.ExitCode, await stdout, stderr);
        }
    }

    private static Process Serve(params string[] arguments) => ServeIn(AppContext.BaseDirectory, [], arguments);

    private static Process ServeIn(string workingDirectory, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
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

        public RunningServe(params string[] arguments) : this(Serve(arguments))
        {
        }

        public RunningServe(Process process)
        {
            Process = process;
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
