using System.IO.Compression;
using DialogueActs.Inference;
using DialogueActs.Tests.Training;

namespace DialogueActs.Tests.Inference;

[Collection(TinyModelCollection.Name)]
public sealed class ModelArchiveTests
{
    private readonly TinyModelFixture _fixture;

    public ModelArchiveTests(TinyModelFixture fixture) => _fixture = fixture;

    private string Copy(string name)
    {
        string path = Path.Combine(_fixture.Directory, name);
        File.Copy(_fixture.ModelPath, path, overwrite: true);
        return path;
    }

    [Fact]
    public void ArchiveHoldsEachPartOnce()
    {
        using (var zip = ZipFile.OpenRead(_fixture.ModelPath))
        {
            // The model was calibrated on its valid split (calibration.json); its config names no glossary.
            Assert.Equal(new[] { "calibration.json", "format.json", "input.json", "labels.json", "metadata.json", "model.json", "tokenizer.json", "training.json", "vocabulary.json", "weights.bin" },
                zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            using var reader = new StreamReader(zip.GetEntry("training.json")!.Open());
            var training = System.Text.Json.Nodes.JsonNode.Parse(reader.ReadToEnd())!.AsObject();
            Assert.False(training.ContainsKey("model"));                                    // the sizes live in model.json only
            Assert.True(training.ContainsKey("data"));
        }
        var archive = ModelArchive.Read(_fixture.ModelPath);
        Assert.Equal(ModelArchive.FormatVersion, archive.Metadata.FormatVersion);
        Assert.Equal(64, archive.Metadata.CorpusSha256.Length);
        Assert.True(archive.Metadata.Epoch >= 1);
        Assert.Contains(TinyCorpus.QuotedLabel, archive.Labels.Labels);
        archive.Model.Dispose();
    }

    [Fact]
    public void MissingFileIsAOneLineError()
    {
        string path = Path.Combine(_fixture.Directory, "nope.zip");
        Assert.Equal($"{path}: file not found", Assert.Throws<DialogueActsException>(() => ModelArchive.Read(path)).Message);
    }

    [Fact]
    public void TruncatedFileIsAOneLineError()
    {
        string path = Copy("truncated.zip");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<DialogueActsException>(() => ModelArchive.Read(path));
        Assert.StartsWith($"{path}: not a valid model file (the zip archive is corrupt or truncated", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void GarbageFileIsAOneLineError()
    {
        string path = Path.Combine(_fixture.Directory, "garbage.zip");
        File.WriteAllText(path, "this is not a zip file");
        var ex = Assert.Throws<DialogueActsException>(() => ModelArchive.Read(path));
        Assert.StartsWith($"{path}: not a valid model file (the zip archive is corrupt or truncated", ex.Message);
    }

    [Fact]
    public void OtherFormatVersionIsRefused()
    {
        string path = Copy("future.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry("format.json")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("format.json").Open());
            writer.Write("{\"formatVersion\": 99}");
        }
        Assert.Equal($"{path}: model format version 99 is not supported (this build reads versions 1 to 3; a newer DialogueActs wrote it)",
            Assert.Throws<DialogueActsException>(() => ModelArchive.Read(path)).Message);
    }

    [Fact]
    public void CorruptWeightsAreAOneLineError()
    {
        string path = Copy("badweights.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry("weights.bin")!.Delete();
            using var stream = zip.CreateEntry("weights.bin").Open();
            stream.Write(new byte[] { 1, 2, 3 });
        }
        var ex = Assert.Throws<DialogueActsException>(() => ModelArchive.Read(path));
        Assert.StartsWith($"{path}: ", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    // Found by the fuzzer (scripts/Fuzz): model.json sizes went straight to libtorch, which failed to
    // allocate (an internal error, ExternalException) or could exhaust memory.
    [Theory]
    [InlineData("embeddingDim", 1000000000, "model.json: embeddingDim is 1000000000, over the limit of 16777216")]
    [InlineData("utteranceHidden", 100000, "model.json describes ")]
    [InlineData("speakerWindow", 2147483647, "model.json: speakerWindow is 2147483647, over the limit of 16777216")]
    public void ModelSizesTheWeightsCannotHoldAreRefusedBeforeAllocating(string key, int value, string expected)
    {
        string path = Copy($"huge-{key}.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("model.json")!;
            System.Text.Json.Nodes.JsonNode model;
            using (var reader = new StreamReader(entry.Open())) model = System.Text.Json.Nodes.JsonNode.Parse(reader.ReadToEnd())!;
            model[key] = value;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("model.json").Open());
            writer.Write(model.ToJsonString());
        }
        var ex = Assert.Throws<DialogueActsException>(() => ModelArchive.Read(path));
        Assert.StartsWith($"{path}: {expected}", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    // Format 1 (before the model sizes were stored once) kept the whole experiment config in config.json.
    [Fact]
    public void FormatOneArchivesStillLoadAndTagTheSame()
    {
        string path = Copy("format1.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            string Read(string name)
            {
                using var reader = new StreamReader(zip.GetEntry(name)!.Open());
                return reader.ReadToEnd();
            }
            var config = System.Text.Json.Nodes.JsonNode.Parse(Read("training.json"))!.AsObject();
            config["tokenizer"] = System.Text.Json.Nodes.JsonNode.Parse(Read("tokenizer.json"));
            var sizes = System.Text.Json.Nodes.JsonNode.Parse(Read("model.json"))!.AsObject();
            sizes["vocabularySize"] = 0;                                                       // as configured: training set them in model.json only
            sizes["labelCount"] = 0;
            sizes["utteranceHidden"] = 12;                                                     // refused in a config today; the archive's settings must still read
            config["model"] = sizes;
            foreach (var name in new[] { "format.json", "tokenizer.json", "training.json" }) zip.GetEntry(name)!.Delete();
            using (var writer = new StreamWriter(zip.CreateEntry("format.json").Open())) writer.Write("{\"formatVersion\": 1}");
            using (var writer = new StreamWriter(zip.CreateEntry("config.json").Open())) writer.Write(config.ToJsonString());
        }
        var columns = DialogueActs.Training.Configuration.ExperimentConfig.FromArchive(ModelArchive.Read(path), path)!.Data.Columns;        // the legacy config.json, read back
        var conversations = DialogueActs.Data.CorpusReader.Read(_fixture.TrainPath, columns, requireLabels: true);
        using var current = DialogueActTagger.Load(_fixture.ModelPath);
        using var legacy = DialogueActTagger.Load(path);
        Assert.Equal(current.Labels, legacy.Labels);
        var expected = current.TagMany(conversations);
        var actual = legacy.TagMany(conversations);
        for (int c = 0; c < expected.Count; c++)
            for (int u = 0; u < expected[c].Utterances.Count; u++)
            {
                Assert.Equal(expected[c].Utterances[u].Label, actual[c].Utterances[u].Label);
                Assert.Equal(expected[c].Utterances[u].Confidence, actual[c].Utterances[u].Confidence);
            }
        var archive = ModelArchive.Read(path);
        Assert.Contains("\"model\"", archive.TrainingSettings);
        archive.Model.Dispose();
    }
}
