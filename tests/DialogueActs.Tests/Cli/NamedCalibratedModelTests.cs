using System.Globalization;
using System.Text.Json;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Tests.Training;
using DialogueActs.Training;

namespace DialogueActs.Tests.Cli;

/// <summary>
/// A tiny model trained with <c>data.glossary</c>: training keeps the names and calibrates on the valid split, and
/// <c>predict</c>, <c>evaluate</c>, <c>summary --model</c> and <c>calibrate</c> show or use them; a model without a
/// glossary answers as before.
/// </summary>
public sealed class NamedCalibratedModelTests : IClassFixture<NamedCalibratedModelTests.Fixture>
{
    private readonly Fixture _fixture;

    public NamedCalibratedModelTests(Fixture fixture) => _fixture = fixture;

    /// <summary>Names for some of the tiny corpus's labels (not <c>ny</c>, <c>nn</c> or the quoted one), and one for a label it does not have.</summary>
    public const string LabelsJson = """
        {
          "act": {
            "sd": { "name": "Statement-non-opinion" },
            "qy": { "name": "Yes-No-Question", "description": "a question answered by yes or no" },
            "b": { "name": "Acknowledge (Backchannel)" },
            "zz": { "name": "Not in this corpus" }
          },
          "other": { "sd": { "name": "Something else" } }
        }
        """;

    public sealed class Fixture : IDisposable
    {
        private readonly TinyCorpus _corpus = new(trainConversations: 30, seed: 4);

        public Fixture()
        {
            File.WriteAllText(Path.Combine(_corpus.Directory, "labels.json"), LabelsJson);
            OutDir = Path.Combine(_corpus.Directory, "run");
            var experiment = DialogueActs.Training.Configuration.ExperimentConfig.Parse(ConfigJson("labels.json"), Path.Combine(_corpus.Directory, "config.json"), dataDirOverride: null, baseDirectory: _corpus.Directory);
            new Trainer(experiment, OutDir, Observer).Run(resume: false);
        }

        /// <summary>The tiny corpus's config with <c>data.glossary</c>.</summary>
        public string ConfigJson(string glossary) => _corpus.ConfigJson(epochs: 2)
            .Replace("\"train\": \"train.csv\",", $"\"train\": \"train.csv\", \"glossary\": \"{glossary}\",", StringComparison.Ordinal);

        internal RecordingObserver Observer { get; } = new();
        public string OutDir { get; }
        public string ModelPath => Path.Combine(OutDir, Trainer.ModelFileName);
        public string Directory => _corpus.Directory;
        public string ValidPath => _corpus.ValidPath;

        public void Dispose() => _corpus.Dispose();
    }

    [Fact]
    public void TrainingKeepsTheNamesOfTheLabelField_AndCalibratesOnTheValidSplit()
    {
        var archive = ModelArchive.Read(_fixture.ModelPath);
        using (archive.Model)
        {
            Assert.Equal(["b", "qy", "sd", "zz"], archive.Glossary.Entries.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("a question answered by yes or no", archive.Glossary.Entries["qy"].Description);
            Assert.NotEqual(TemperatureScaling.Identity, archive.Temperature);
            Assert.InRange(archive.Temperature, TemperatureScaling.MinTemperature, TemperatureScaling.MaxTemperature);
        }
        Assert.Contains(_fixture.Observer.Logs, l => l.StartsWith("label names: 3 of ", StringComparison.Ordinal));
        Assert.Contains(_fixture.Observer.Logs, l => l.StartsWith("calibrated: temperature ", StringComparison.Ordinal));
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_fixture.OutDir, "valid", "report.json")));
        Assert.Equal("Statement-non-opinion", report.RootElement.GetProperty("per_class").GetProperty("sd").GetProperty("name").GetString());
        Assert.False(report.RootElement.GetProperty("per_class").GetProperty("ny").TryGetProperty("name", out _));
        var calibration = report.RootElement.GetProperty("calibration");
        using (var tagger = DialogueActTagger.Load(_fixture.ModelPath))
            Assert.Equal(tagger.Temperature, calibration.GetProperty("temperature").GetDouble());
        Assert.True(calibration.TryGetProperty("cross_fitted", out _));
        Assert.True(File.Exists(Path.Combine(_fixture.OutDir, "valid", "reliability.png")));
        Assert.Contains("| `sd` | Statement-non-opinion |", File.ReadAllText(Path.Combine(_fixture.OutDir, "valid", "report.md")));
    }

    [Fact]
    public void PredictPutsTheNameBesideEachNamedLabel_AndAModelWithoutAGlossaryHasNone()
    {
        string input = Path.Combine(_fixture.Directory, "predict.csv");
        File.WriteAllText(input, "conversation_id,utterance_index,speaker,text\nc1,0,A,do you like music?\nc1,1,B,yeah\nc1,2,A,i think music is fine\n");
        string output = Path.Combine(_fixture.Directory, "named.jsonl");
        var result = CliRunner.Run("predict", "--model", _fixture.ModelPath, "--input", input, "--output", output, "--top-k", "7");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllLines(output).Single());
        var names = new Dictionary<string, string> { ["sd"] = "Statement-non-opinion", ["qy"] = "Yes-No-Question", ["b"] = "Acknowledge (Backchannel)" };
        int named = 0;
        foreach (var utterance in doc.RootElement.GetProperty("utterances").EnumerateArray())
            foreach (var entry in utterance.GetProperty("top").EnumerateArray().Append(utterance))
            {
                string label = entry.GetProperty("label").GetString()!;
                if (names.TryGetValue(label, out var name))
                {
                    Assert.Equal(name, entry.GetProperty("name").GetString());
                    named++;
                }
                else Assert.False(entry.TryGetProperty("name", out _), label);
            }
        Assert.True(named >= 9, $"{named} named labels");                                                // every top-7 list holds sd, qy and b
        var withName = doc.RootElement.GetProperty("utterances").EnumerateArray().First(u => u.TryGetProperty("name", out _));
        Assert.Equal(["speaker", "text", "label", "name", "confidence", "top"], withName.EnumerateObject().Select(p => p.Name));

        // The same model without its glossary: the answers of before, with no name anywhere.
        string plain = Path.Combine(_fixture.Directory, "plain.zip");
        var archive = ModelArchive.Read(_fixture.ModelPath);
        using (archive.Model) ModelArchive.Write(plain, archive with { Glossary = LabelGlossary.Empty });
        string plainOutput = Path.Combine(_fixture.Directory, "plain.jsonl");
        Assert.Equal(0, CliRunner.Run("predict", "--model", plain, "--input", input, "--output", plainOutput, "--top-k", "7").ExitCode);
        string text = File.ReadAllText(plainOutput);
        Assert.DoesNotContain("\"name\"", text);
        Assert.Equal(File.ReadAllText(output).Replace(",\"name\":\"Statement-non-opinion\"", "").Replace(",\"name\":\"Yes-No-Question\"", "")
            .Replace(",\"name\":\"Acknowledge (Backchannel)\"", ""), text);
    }

    [Fact]
    public void SummaryOfAModelListsItsLabelsWithNames_AndRefusesSizesBesideIt()
    {
        var result = CliRunner.Run("summary", "--model", _fixture.ModelPath);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Total params:", result.Stdout);
        var lines = result.Stdout.Split('\n');
        Assert.Contains(lines, l => l.Contains(" sd ", StringComparison.Ordinal) && l.TrimEnd().EndsWith("Statement-non-opinion", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimEnd().EndsWith(" ny", StringComparison.Ordinal));
        Assert.Contains("Confidences: calibrated, temperature ", result.Stdout);
        CliRunner.AssertFailsWith(CliRunner.Run("summary", "--model", _fixture.ModelPath, "--labels", "5"), "--labels: the sizes come from --model; give one or the other");
        CliRunner.AssertFailsWith(CliRunner.Run("summary", "--vocab-size", "100"), "--labels: required (or give --model)");
    }

    [Fact]
    public void CalibrateRefitsTheSameTemperature_KeepsTheLabels_AndEvaluateDrawsTheReliabilityDiagram()
    {
        string calibrated = Path.Combine(_fixture.Directory, "calibrated.zip");
        var result = CliRunner.Run("calibrate", "--model", _fixture.ModelPath, "--data", _fixture.ValidPath, "--out", calibrated);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("after (2-fold cross-fitted, temperatures ", result.Stdout);
        double trained, refitted;
        using (var tagger = DialogueActTagger.Load(_fixture.ModelPath)) trained = tagger.Temperature;
        using (var tagger = DialogueActTagger.Load(calibrated)) refitted = tagger.Temperature;
        Assert.Equal(trained, refitted, 1e-9);                                                          // the fit is deterministic
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"temperature {refitted:0.0000}"), result.Stdout);

        string outDir = Path.Combine(_fixture.Directory, "eval");
        var evaluate = CliRunner.Run("evaluate", "--model", calibrated, "--data", _fixture.ValidPath, "--out", outDir);
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Contains("ece ", evaluate.Stdout);
        Assert.True(File.Exists(Path.Combine(outDir, "reliability.png")));
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        Assert.Equal(refitted, report.RootElement.GetProperty("calibration").GetProperty("temperature").GetDouble());

        CliRunner.AssertFailsWith(CliRunner.Run("calibrate", "--model", _fixture.ModelPath, "--data", Path.Combine(_fixture.Directory, "none.csv"), "--out", calibrated),
            $"{Path.Combine(_fixture.Directory, "none.csv")}: file not found");
        string unknown = Path.Combine(_fixture.Directory, "unknown-labels.csv");
        File.WriteAllText(unknown, "conversation_id,utterance_index,speaker,act,text\nc1,0,A,zz_new,hello\nc1,1,B,zz_other,hi\n");
        string untouched = Path.Combine(_fixture.Directory, "untouched.zip");
        CliRunner.AssertFailsWith(CliRunner.Run("calibrate", "--model", _fixture.ModelPath, "--data", unknown, "--out", untouched),
            $"{unknown}: no utterance has a label the model knows, so there is nothing to fit a temperature on");
        Assert.False(File.Exists(untouched));
    }

    [Fact]
    public void AMalformedGlossaryStopsTrainingWithOneLineNamingFileAndField()
    {
        string labels = Path.Combine(_fixture.Directory, "bad-labels.json");
        File.WriteAllText(labels, """{"act": {"sd": {"name": ["Statement"]}}}""");
        string config = Path.Combine(_fixture.Directory, "bad-glossary.json");
        File.WriteAllText(config, _fixture.ConfigJson("bad-labels.json"));
        CliRunner.AssertFailsWith(CliRunner.Run("train", "--config", config, "--out", Path.Combine(_fixture.Directory, "bad-run")),
            $"{labels}: $.act.sd.name: expected a string, got an array");
    }
}
