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
    public void ArchiveHoldsConfigVocabularyLabelsWeightsAndMetadata()
    {
        using var zip = ZipFile.OpenRead(_fixture.ModelPath);
        Assert.Equal(new[] { "config.json", "format.json", "labels.json", "metadata.json", "model.json", "vocabulary.json", "weights.bin" },
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
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
        Assert.Equal($"{path}: model format version 99 is not supported (this build reads version 1)",
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
}
