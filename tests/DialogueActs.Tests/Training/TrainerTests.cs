using DialogueActs.Text;
using System.IO.Compression;
using System.Text.Json;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Training;

namespace DialogueActs.Tests.Training;

public sealed class TrainerTests
{
    private static byte[] Weights(string modelZip)
    {
        using var zip = ZipFile.OpenRead(modelZip);
        using var stream = zip.GetEntry("weights.bin")!.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    [Fact]
    public void TrainingWritesModelMetricsAndReportsAndLogsTheVocabulary()
    {
        using var corpus = new TinyCorpus();
        string outDir = Path.Combine(corpus.Directory, "run");
        var observer = new RecordingObserver();
        var result = new Trainer(corpus.Config(epochs: 2), outDir, observer).Run(resume: false);

        Assert.True(File.Exists(Path.Combine(outDir, "model.zip")));
        var lines = File.ReadAllLines(Path.Combine(outDir, "metrics.jsonl"));
        Assert.Equal(2, lines.Length);
        using (var line = JsonDocument.Parse(lines[0]))
            foreach (var key in new[] { "epoch", "loss", "valid_accuracy", "valid_macro_f1", "seconds", "utterances_per_s" })
                Assert.True(line.RootElement.TryGetProperty(key, out _), $"metrics.jsonl lacks '{key}'");
        foreach (var split in new[] { "valid", "test" })
            foreach (var file in new[] { "report.json", "report.md", "confusion.png" })
                Assert.True(File.Exists(Path.Combine(outDir, split, file)), $"{split}/{file} missing");
        Assert.NotNull(result.Valid);
        Assert.NotNull(result.Test);
        Assert.Contains(observer.Logs, l => l.StartsWith("vocabulary: ", StringComparison.Ordinal) && l.Contains("truncated to 12 tokens"));
        Assert.Equal(2, result.EpochsCompleted);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData(", \"learningRateDecay\": 0.5", "")]
    [InlineData("", ", \"speakerFeature\": true, \"speakerWindow\": 3, \"maxPooling\": true")]
    [InlineData("", ", \"characterFilters\": 6, \"characterEmbeddingDim\": 4")]
    public void TheBestEpochsValidationAccuracyIsReproducedByTheReloadedModel(string training, string model)
    {
        using var corpus = new TinyCorpus();
        string outDir = Path.Combine(corpus.Directory, "run");
        var observer = new RecordingObserver();
        var result = new Trainer(corpus.Config(epochs: 3, training: training, model: model), outDir, observer).Run(resume: false);
        // The in-memory model's accuracy at its best epoch (before saving) equals the reloaded model's.
        var best = observer.Epochs.Single(e => e.Epoch == result.BestEpoch);
        Assert.Equal(best.ValidAccuracy, result.Valid!.Accuracy);
        Assert.Equal(best.ValidMacroF1, result.Valid.MacroF1);
    }

    [Theory]
    [InlineData("")]
    [InlineData(", \"optimizer\": \"adamw\", \"learningRateDecay\": 0.5")]
    public void SameSeedGivesTheSameModelAndAResumedRunEqualsAnUninterruptedOne(string training)
    {
        using var corpus = new TinyCorpus();
        var config = corpus.Config(epochs: 3, training: training);
        string straight = Path.Combine(corpus.Directory, "straight");
        var straightObserver = new RecordingObserver();
        new Trainer(config, straight, straightObserver).Run(resume: false);

        string interrupted = Path.Combine(corpus.Directory, "interrupted");
        using (var cancel = new CancellationTokenSource())
        {
            var observer = new RecordingObserver(cancel, epoch: 1);
            Assert.ThrowsAny<OperationCanceledException>(() => new Trainer(config, interrupted, observer).Run(resume: false, cancel.Token));
        }
        Assert.Single(File.ReadAllLines(Path.Combine(interrupted, "metrics.jsonl")));
        var resumedObserver = new RecordingObserver();
        new Trainer(config, interrupted, resumedObserver).Run(resume: true);

        Assert.Contains(resumedObserver.Logs, l => l.StartsWith("resuming after epoch 1", StringComparison.Ordinal));
        Assert.Equal(straightObserver.Epochs.Select(e => (e.Loss, e.ValidAccuracy)), 
            File.ReadAllLines(Path.Combine(interrupted, "metrics.jsonl")).Select(l => JsonSerializer.Deserialize<EpochMetrics>(l)!).Select(e => (e.Loss, e.ValidAccuracy)));
        Assert.Equal(Weights(Path.Combine(straight, "model.zip")), Weights(Path.Combine(interrupted, "model.zip")));
    }

    [Fact]
    public void ResumingWithAChangedConfigIsRefused()
    {
        using var corpus = new TinyCorpus();
        string outDir = Path.Combine(corpus.Directory, "run");
        new Trainer(corpus.Config(epochs: 1), outDir, new RecordingObserver()).Run(resume: false);
        var ex = Assert.Throws<DialogueActsException>(() => new Trainer(corpus.Config(epochs: 2, training: ", \"gradientClip\": 1.0"), outDir, new RecordingObserver()).Run(resume: true));
        Assert.Equal($"{Path.Combine(outDir, "checkpoint.zip")}: cannot resume: the config or the training data changed since this run started", ex.Message);
    }

    [Fact]
    public void TrainingWithANarrowGloveFileLogsItsCoverageAndAWiderFileIsRefused()
    {
        using var corpus = new TinyCorpus();
        File.WriteAllText(Path.Combine(corpus.Directory, "narrow.txt"), "yeah 0.1 0.2 0.3 0.4\nno 0.5 -0.1 0.2 0.3\n");
        File.WriteAllText(Path.Combine(corpus.Directory, "wide.txt"), "yeah " + string.Join(' ', Enumerable.Repeat("0.1", 17)) + "\n");
        var observer = new RecordingObserver();
        new Trainer(corpus.Config(epochs: 1, tokenizer: ", \"glove\": \"narrow.txt\""), Path.Combine(corpus.Directory, "run"), observer).Run(resume: false);
        Assert.Contains(observer.Logs, l => l.StartsWith("GloVe: 2 of ", StringComparison.Ordinal) && l.Contains(", 4 of 16 dimensions ("));

        var error = Assert.Throws<DialogueActsException>(() => new Trainer(corpus.Config(epochs: 1, tokenizer: ", \"glove\": \"wide.txt\""),
            Path.Combine(corpus.Directory, "run2"), new RecordingObserver()).Run(resume: false));
        Assert.Equal($"{Path.Combine(corpus.Directory, "wide.txt")}:1: the vectors have dimension 17, more than the embedding dimension (model.embeddingDim) 16", error.Message);
    }
}
