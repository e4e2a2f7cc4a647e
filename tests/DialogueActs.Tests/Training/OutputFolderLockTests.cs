using System.Diagnostics;
using DialogueActs.Tests.Cli;
using DialogueActs.Training;

namespace DialogueActs.Tests.Training;

public sealed class OutputFolderLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("da-lock-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ASecondHolder_IsRefusedWithOneLineNamingTheFolderAndTheHolder_UntilTheFirstReleases()
    {
        using (OutputFolderLock.Acquire(_folder))
        {
            string owner = File.ReadAllText(Path.Combine(_folder, OutputFolderLock.OwnerFileName)).Trim();
            Assert.StartsWith($"pid {Environment.ProcessId}, started ", owner);
            Assert.Throws<IOException>(() => File.ReadAllText(Path.Combine(_folder, OutputFolderLock.FileName)));   // why the owner has a file of its own

            var ex = Assert.Throws<DialogueActsException>(() => OutputFolderLock.Acquire(_folder));
            Assert.Equal($"{_folder}: another training is using this folder ({owner}); wait for it to end, or choose another --out", ex.Message);
        }
        Assert.False(File.Exists(Path.Combine(_folder, OutputFolderLock.OwnerFileName)));
        using (OutputFolderLock.Acquire(_folder)) { }
    }

    [Fact]
    public void ALockFileLeftBehind_DoesNotBlock()
    {
        File.WriteAllText(Path.Combine(_folder, OutputFolderLock.FileName), "pid 1, started 2020-01-01 00:00:00Z on gone\n");
        File.WriteAllText(Path.Combine(_folder, OutputFolderLock.OwnerFileName), "pid 1, started 2020-01-01 00:00:00Z on gone\n");
        using var held = OutputFolderLock.Acquire(_folder);
        Assert.StartsWith($"pid {Environment.ProcessId}, ", File.ReadAllText(Path.Combine(_folder, OutputFolderLock.OwnerFileName)));
    }
}

/// <summary>Two <c>dialogue-acts train</c> processes on one output folder, and a run killed while it holds the folder.</summary>
public sealed class TrainFolderLockCliTests
{
    /// <summary>Starts <c>train</c> in a child process whose run lasts its config's time budget.</summary>
    private static Process StartTraining(string config, string outDir, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])[Path.Combine(AppContext.BaseDirectory, "dialogue-acts.dll"), "train", "--config", config, "--out", outDir, .. extra])
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until <paramref name="done"/> holds, or fails after 2 minutes (or when the process ends first).</summary>
    private static void WaitFor(Func<bool> done, Process process, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            Assert.False(process.HasExited, $"the first training ended (exit code {(process.HasExited ? process.ExitCode : 0)}) before {what}");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"timed out waiting for {what}");
            Thread.Sleep(50);
        }
    }

    /// <summary>A config with many epochs and a time budget of 20 s of training, so the first run is still running when the second starts.</summary>
    private static string LongConfig(TinyCorpus corpus) => corpus.WriteConfig(epochs: 100000, training: ", \"maxMinutes\": 0.33");

    [Fact]
    public void ASecondTrainingInTheSameFolder_IsRefusedWithOneLineNamingTheFolderAndTheFirst()
    {
        using var corpus = new TinyCorpus();
        string config = LongConfig(corpus);
        string outDir = Path.Combine(corpus.Directory, "run");
        using var first = StartTraining(config, outDir);
        try
        {
            string ownerFile = Path.Combine(outDir, OutputFolderLock.OwnerFileName);
            WaitFor(() => File.Exists(ownerFile), first, "the first training locked its folder");
            string owner = File.ReadAllText(ownerFile).Trim();
            Assert.StartsWith($"pid {first.Id}, started ", owner);

            CliRunner.AssertFailsWith(CliRunner.Run("train", "--config", config, "--out", outDir),
                $"{outDir}: another training is using this folder ({owner}); wait for it to end, or choose another --out");
            CliRunner.AssertFailsWith(CliRunner.Run("train", "--config", config, "--out", outDir, "--resume"),
                $"{outDir}: another training is using this folder ({owner}); wait for it to end, or choose another --out");
            Assert.False(first.HasExited, "the first training must still be running for the test to mean anything");
        }
        finally
        {
            if (!first.HasExited) first.Kill(entireProcessTree: true);
            first.WaitForExit();
        }
    }

    [Fact]
    public void ARunKilledWhileHoldingTheFolder_DoesNotBlockResume()
    {
        using var corpus = new TinyCorpus();
        string config = LongConfig(corpus);
        string outDir = Path.Combine(corpus.Directory, "run");
        using (var first = StartTraining(config, outDir))
        {
            WaitFor(() => File.Exists(Path.Combine(outDir, Trainer.CheckpointFileName)), first, "the first epoch's checkpoint");
            first.Kill();                                                                                  // SIGKILL: no cleanup runs
            first.WaitForExit();
        }
        Assert.True(File.Exists(Path.Combine(outDir, OutputFolderLock.OwnerFileName)), "the killed run leaves its owner file behind");

        var resumed = CliRunner.Run("train", "--config", config, "--out", outDir, "--resume");

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("resuming after epoch", resumed.Stdout);
        Assert.True(File.Exists(Path.Combine(outDir, Trainer.ModelFileName)));
        Assert.False(File.Exists(Path.Combine(outDir, OutputFolderLock.OwnerFileName)), "a run that ends removes its owner file");
    }
}
