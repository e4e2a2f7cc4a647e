using DialogueActs.Tests.Cli;

namespace DialogueActs.Tests.Import;

public sealed class ImportCliTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "da-import-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_out, recursive: true); } catch (DirectoryNotFoundException) { }
    }

    [Fact]
    public void ImportSwda_WritesTheSplitsAndSaysWhat()
    {
        using var clone = DuranClone.Swda();
        var result = CliRunner.Run("import", "swda", "--source", clone.Root, "--out", _out);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        int validRows = DuranClone.ShippedValid(DialogueActs.Training.Import.DuranCorpus.Swda).Sum(id => clone.Lines[id].Length);
        Assert.Contains($"valid: {Path.Combine(_out, "valid.csv")} (112 conversations, {validRows:N0} utterances)", result.Stdout);
        Assert.Contains($"labels: {Path.Combine(_out, "labels.json")}", result.Stdout);
        Assert.True(File.Exists(Path.Combine(_out, "test.csv")));
    }

    [Fact]
    public void BadInput_IsOneLine()
    {
        using var clone = DuranClone.Mrda();
        File.Delete(clone.PathOf("metadata/val_split.txt"));
        CliRunner.AssertFailsWith(CliRunner.Run("import", "mrda", "--source", clone.Root, "--out", _out),
            $"{clone.PathOf("metadata/val_split.txt")}: split list not found");
        Assert.False(Directory.Exists(_out));
    }

    [Fact]
    public void ImportFolder_TakesColumnsSplitsAndLabelMaps()
    {
        using var clone = DuranClone.Swda();
        var result = CliRunner.Run("import", "folder", "--source", clone.Data, "--columns", "speaker,text,act",
            "--train", clone.PathOf("metadata/test_split.txt"), "--valid", clone.PathOf("val"), "--labels", $"act={clone.PathOf("metadata/label_map.txt")}",
            "--id-prefix", "sw", "--out", _out);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["sw1200", "sw1201"], DuranImportTests.ReadCsv(Path.Combine(_out, "train.csv")).Skip(1).Select(r => r[0]).Distinct());
        Assert.Equal(["sw1100", "sw1101"], DuranImportTests.ReadCsv(Path.Combine(_out, "valid.csv")).Skip(1).Select(r => r[0]).Distinct());
        Assert.True(File.Exists(Path.Combine(_out, "labels.json")));

        CliRunner.AssertFailsWith(CliRunner.Run("import", "folder", "--source", clone.Data, "--columns", "speaker,text,act",
            "--train", clone.PathOf("val"), "--labels", "act", "--out", _out), "--labels: expected FIELD=FILE, got 'act'");
    }
}
