using DialogueActs.Training.Configuration;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Training;
using DialogueActs.Tests.Training;
using TorchSharp;

namespace DialogueActs.Tests.Inference;

/// <summary>A model of <c>configs/sample.json</c> trained for 3 epochs on the bundled sample corpus, once per run.</summary>
public sealed class SampleModelFixture : IDisposable
{
    public SampleModelFixture()
    {
        OutDir = Directory.CreateTempSubdirectory("sample-model-").FullName;
        var config = ExperimentConfig.Load(RepositoryPath("configs", "sample.json"));
        config = config with { Training = config.Training with { Epochs = 3 } };
        new Trainer(config, OutDir, new RecordingObserver()).Run(resume: false);
    }

    public string OutDir { get; }

    public string ModelPath => Path.Combine(OutDir, Trainer.ModelFileName);

    /// <summary>A split of the bundled sample corpus, labelled.</summary>
    public static IReadOnlyList<Conversation> Split(string name) =>
        CorpusReader.Read(RepositoryPath("data", "sample", name), new ColumnMapping { Label = "act" }, requireLabels: true);

    public static string RepositoryPath(params string[] parts)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "DialogueActs.sln"))) return Path.Combine([directory.FullName, .. parts]);
        throw new InvalidOperationException("repository root not found");
    }

    public void Dispose() => Directory.Delete(OutDir, recursive: true);
}

public sealed class InferencePrecisionTests : IClassFixture<SampleModelFixture>
{
    private readonly SampleModelFixture _sample;

    public InferencePrecisionTests(SampleModelFixture sample) => _sample = sample;

    private DialogueActTagger Load(InferencePrecision precision) => DialogueActTagger.Create(ModelArchive.Read(_sample.ModelPath), new TaggerOptions { Precision = precision });

    /// <summary>
    /// bfloat16 utterance LSTMs give the float32 labels on the sample's valid and test splits. Per utterance, on the
    /// marginals, where a near tie is visible: every utterance whose most probable label under float32 is not a near tie
    /// keeps it, and every label's probability moves by little. In aggregate, on the Viterbi labels (a flip there follows
    /// a near tie of whole-path scores, which the output does not show): at most one in 200 differs. Runs the bfloat16
    /// path on any CPU.
    /// </summary>
    [Theory]
    [InlineData("valid.csv")]
    [InlineData("test.csv")]
    public void BFloat16GivesTheFloat32LabelsOnTheSample(string split)
    {
        var conversations = SampleModelFixture.Split(split);
        using var float32 = Load(InferencePrecision.Float32);
        using var bfloat16 = Load(InferencePrecision.BFloat16);
        Assert.Equal(InferencePrecision.Float32, float32.Precision);
        Assert.Equal(InferencePrecision.BFloat16, bfloat16.Precision);
        var expected = float32.TagMany(conversations).SelectMany(c => c.Utterances).ToArray();
        var actual = bfloat16.TagMany(conversations).SelectMany(c => c.Utterances).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            var top = expected[i].Top;
            bool nearTie = top.Count > 1 && top[0].Probability - top[1].Probability < 0.05;
            if (!nearTie)
                Assert.True(top[0].Label == actual[i].Top[0].Label,
                    $"utterance {i}: most probable {top[0].Label} ({top[0].Probability:F3}) became {actual[i].Top[0].Label} ({actual[i].Top[0].Probability:F3})");
            foreach (var (label, probability) in actual[i].Top)
                if (top.FirstOrDefault(t => t.Label == label) is { } match)
                    Assert.InRange(probability, match.Probability - 0.05, match.Probability + 0.05);
        }
        int differing = Enumerable.Range(0, expected.Length).Count(i => expected[i].Label != actual[i].Label);
        Assert.True(differing <= expected.Length / 200, $"{differing} of {expected.Length} Viterbi labels differ");
    }

    [Fact]
    public void AutoIsBFloat16ExactlyWhereTheCpuComputesIt()
    {
        using var tagger = Load(InferencePrecision.Auto);
        Assert.Equal(CpuFeatures.HasFastBFloat16 ? InferencePrecision.BFloat16 : InferencePrecision.Float32, tagger.Precision);
    }

    [Fact]
    public void ACallersModelStaysFloat32UnderAutoAndRefusesBFloat16()
    {
        var archive = ModelArchive.Read(_sample.ModelPath);
        using var model = archive.Model;
        using (var auto = new DialogueActTagger(model, archive.Encoder, archive.Labels, archive.Metadata, new TaggerOptions(), ownsModel: false))
            Assert.Equal(InferencePrecision.Float32, auto.Precision);
        var error = Assert.Throws<ArgumentException>(() =>
            new DialogueActTagger(model, archive.Encoder, archive.Labels, archive.Metadata, new TaggerOptions { Precision = InferencePrecision.BFloat16 }, ownsModel: false));
        Assert.StartsWith("Precision BFloat16 converts the model's weights, so it needs a tagger that owns its model (ownsModel: true).", error.Message);
        Assert.Equal(torch.ScalarType.Float32, model.UtteranceEncoder.LstmPrecision);
        Assert.All(model.parameters(), p => Assert.Equal(torch.ScalarType.Float32, p.dtype));
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, "", true)]
    [InlineData(true, "avx512_core_bf16", true)]
    [InlineData(true, "AVX512_CORE_AMX", true)]
    [InlineData(true, "AVX2", false)]
    [InlineData(true, "AVX512_CORE_VNNI", false)]
    [InlineData(true, "SSE41", false)]
    [InlineData(false, null, false)]
    [InlineData(false, "AVX512_CORE_BF16", false)]
    public void FastBFloat16NeedsTheInstructionsAndAnUncappedOneDnn(bool cpu, string? cap, bool expected) =>
        Assert.Equal(expected, CpuFeatures.Decide(cpu, cap));
}
