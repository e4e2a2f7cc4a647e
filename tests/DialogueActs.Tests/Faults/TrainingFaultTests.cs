using DialogueActs.Modeling;
using DialogueActs.Tests.Cli;
using DialogueActs.Tests.Training;
using DialogueActs.Training;
using TorchSharp;

namespace DialogueActs.Tests.Faults;

/// <summary>
/// Faults in the middle of a run (a NaN, a full disk, a folder turned read-only) end it with one line
/// naming what happened, and leave <c>model.zip</c>, <c>checkpoint.zip</c> and <c>metrics.jsonl</c>
/// exactly as the last good epoch wrote them.
/// </summary>
public sealed class TrainingFaultTests
{
    private const string Files = "model.zip, checkpoint.zip and metrics.jsonl keep epoch 1";
    private const string Advice = "(lower training.learningRate or set training.gradientClip)";

    private static SortedDictionary<string, byte[]> Snapshot(string folder) => new(
        new[] { Trainer.ModelFileName, Trainer.CheckpointFileName, Trainer.MetricsFileName }
            .ToDictionary(name => name, name => File.ReadAllBytes(Path.Combine(folder, name))), StringComparer.Ordinal);

    /// <summary>Runs 3 epochs with a fault injected by <paramref name="inject"/> and returns the error and the files after epoch 1 and after the error.</summary>
    private static (DialogueActsException Error, SortedDictionary<string, byte[]> AfterEpoch1, SortedDictionary<string, byte[]> AfterError) RunWithFault(
        string outDir, Action<int, int, HierarchicalTagger>? afterBackward = null, Action? afterEpoch1 = null, string training = "")
    {
        using var corpus = new TinyCorpus();
        SortedDictionary<string, byte[]>? afterEpoch1Files = null;
        var observer = new RecordingObserver(onEpochCompleted: epoch =>
        {
            if (epoch != 1) return;
            afterEpoch1Files = Snapshot(outDir);
            afterEpoch1?.Invoke();
        });
        var trainer = new Trainer(corpus.Config(epochs: 3, training: training), outDir, observer) { AfterBackward = afterBackward };
        var error = Assert.Throws<DialogueActsException>(() => trainer.Run(resume: false));
        Assert.NotNull(afterEpoch1Files);
        Assert.Single(observer.Epochs);
        return (error, afterEpoch1Files!, Snapshot(outDir));
    }

    private static string TemporaryFolder() => Path.Combine(Path.GetTempPath(), "da-fault-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void ANaNWeightStopsTheRunAtTheNextBatchAndKeepsTheLastGoodEpoch()
    {
        string outDir = TemporaryFolder();
        var (error, afterEpoch1, afterError) = RunWithFault(outDir, afterBackward: (epoch, batch, model) =>
        {
            if (epoch == 2 && batch == 1)
                using (torch.no_grad()) WordEmbeddingFeature.Weight(model.UtteranceEncoder.FeatureModule(WordEmbeddingFeature.FeatureName)!).fill_(float.NaN);
        });
        Assert.Matches($@"^training stopped at epoch 2, batch 2 of \d+: the loss is NaN; {Files} \(lower", error.Message);
        Assert.EndsWith(Advice, error.Message);
        Assert.Equal(afterEpoch1, afterError);
        Directory.Delete(outDir, recursive: true);
    }

    /// <summary>Without clipping the step computes the gradient norm itself; with clipping it takes clipping's.</summary>
    [Theory]
    [InlineData("")]
    [InlineData(", \"gradientClip\": 1.0")]
    public void AnInfiniteGradientStopsTheRunBeforeTheOptimiserStep(string training)
    {
        string outDir = TemporaryFolder();
        var (error, afterEpoch1, afterError) = RunWithFault(outDir, afterBackward: (epoch, batch, model) =>
        {
            if (epoch == 2 && batch == 3) model.parameters().Last().grad!.fill_(float.PositiveInfinity);
        }, training: training);
        Assert.Matches($@"^training stopped at epoch 2, batch 3 of \d+: the gradient norm is \+infinity; {Files} ", error.Message);
        Assert.Equal(afterEpoch1, afterError);
        Directory.Delete(outDir, recursive: true);
    }

    [Fact]
    public void ANaNInTheFirstEpochSaysNothingWasSaved()
    {
        using var corpus = new TinyCorpus();
        string outDir = TemporaryFolder();
        var trainer = new Trainer(corpus.Config(epochs: 2), outDir, new RecordingObserver())
        {
            AfterBackward = (epoch, batch, model) => model.parameters().First().grad!.fill_(float.NaN),
        };
        var error = Assert.Throws<DialogueActsException>(() => trainer.Run(resume: false));
        Assert.Matches(@"^training stopped at epoch 1, batch 1 of \d+: the gradient norm is NaN; no epoch completed, so nothing was saved ", error.Message);
        Assert.False(File.Exists(Path.Combine(outDir, Trainer.ModelFileName)));
        Directory.Delete(outDir, recursive: true);
    }

    /// <summary>The disk fills, or the folder turns read-only, right after epoch 1.</summary>
    [Theory]
    [InlineData(true, "No space left on device")]
    [InlineData(false, "Read-only file system")]
    public void AWriteFaultEndsTheRunWithOneLineAndKeepsTheLastGoodEpoch(bool fullDisk, string reason)
    {
        using var disk = new Tmpfs("4m");
        string outDir = Path.Combine(disk.Directory, "run");
        var (error, afterEpoch1, afterError) = RunWithFault(outDir, afterEpoch1: fullDisk ? disk.Fill : disk.MakeReadOnly);
        Assert.Matches($@"^{Regex(outDir)}/(model\.zip|metrics\.jsonl|checkpoint\.zip): cannot write: {reason}$", error.Message);
        Assert.Equal(afterEpoch1, afterError);
        Assert.DoesNotContain(Directory.GetFiles(outDir), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCliAnswersAnOutputPathThatIsAFileWithOneLine()
    {
        using var corpus = new TinyCorpus();
        string config = corpus.WriteConfig(epochs: 1);
        string file = Path.Combine(corpus.Directory, "not-a-folder");
        File.WriteAllText(file, "keep me");

        CliRunner.AssertFailsWith(CliRunner.Run("train", "--config", config, "--out", file), $"{file}: is a file, not a folder");
        CliRunner.AssertFailsWith(CliRunner.Run("predict", "--model", "/nonexistent/model.zip", "--input", corpus.ValidPath, "--output", Path.Combine(file, "p.jsonl")),
            "/nonexistent/model.zip: file not found");
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void TheCliAnswersAFullDiskWithOneLine()
    {
        using var corpus = new TinyCorpus();
        string config = corpus.WriteConfig(epochs: 1);
        using var disk = new Tmpfs("64k");
        disk.Fill();
        string outDir = Path.Combine(disk.Directory, "run");

        var result = CliRunner.Run("train", "--config", config, "--out", outDir);
        Assert.Equal(1, result.ExitCode);
        Assert.Matches($@"^error: {Regex(outDir)}/(model\.zip|metrics\.jsonl|checkpoint\.zip): cannot write: No space left on device\n$", result.Stderr);
    }

    [Fact]
    public void AModelTooLargeForThisMachineIsRefusedBeforeLibtorchAllocatesIt()
    {
        using var corpus = new TinyCorpus();
        string outDir = TemporaryFolder();
        string json = corpus.ConfigJson(epochs: 1).Replace("\"utteranceHidden\": 20", "\"utteranceHidden\": 16777216", StringComparison.Ordinal);
        var config = DialogueActs.Training.Configuration.ExperimentConfig.Parse(json, Path.Combine(corpus.Directory, "config.json"), dataDirOverride: null, baseDirectory: corpus.Directory);
        var trainer = new Trainer(config, outDir, new RecordingObserver());
        var error = Assert.Throws<DialogueActsException>(() => trainer.Run(resume: false));
        Assert.Matches(@"^config \$\.model: [\d,]+ parameters need about [\d,.]+ GiB to train, more than the [\d,.]+ GiB of this machine \(vocabulary \d+, embeddingDim 16\)$", error.Message);
        Directory.Delete(outDir, recursive: true);
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
