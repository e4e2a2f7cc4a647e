using System.Buffers.Binary;
using System.Text.Json;
using DialogueActs.Training.Evaluation;
using Xunit;

namespace DialogueActs.Tests.Evaluation;

public sealed class ReportWriterTests : IDisposable
{
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dialogueacts-eval-writer-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Write_CreatesDirectoryAndThreeFiles()
    {
        string outDir = Path.Combine(_dir.FullName, "nested", "eval");

        ReportWriter.Write(ClassificationReportTests.ThreeClassCase(), outDir);

        Assert.True(File.Exists(Path.Combine(outDir, ReportWriter.JsonFileName)));
        Assert.True(File.Exists(Path.Combine(outDir, ReportWriter.MarkdownFileName)));
        Assert.True(File.Exists(Path.Combine(outDir, ReportWriter.ConfusionPngFileName)));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        Assert.Equal(0.6, doc.RootElement.GetProperty("accuracy").GetDouble(), 1e-12);
        Assert.Contains("| Label | Precision | Recall | F1 | Support |", File.ReadAllText(Path.Combine(outDir, "report.md")));
    }

    [Fact]
    public void Write_41Classes_WritesValidPngSizedByClassCount()
    {
        string outDir = Path.Combine(_dir.FullName, "many");

        ReportWriter.Write(SyntheticReports.ManyClasses(41), outDir);

        var (width, height, length) = ReadPng(Path.Combine(outDir, "confusion.png"));
        // 42 rows (41 labels + unknown "zz") need roughly 20 px each plus room for labels and the colour bar.
        Assert.InRange(width, 900, 4000);
        Assert.InRange(height, 900, 4000);
        Assert.InRange(length, 20_000, 20_000_000);
    }

    /// <summary>A label of 3 MB (with line breaks and NULs) once crashed SkiaSharp through ScottPlot; any label the CSV reader accepts must plot.</summary>
    [Fact]
    public void Write_HugeAndControlCharacterLabels_WritesAllThreeFiles()
    {
        string huge = new string('x', 3 * 1024 * 1024);
        string odd = "a\nb\r\0c\u0007";
        var report = ClassificationReport.Compute([huge, odd, "s"], [huge, odd, "s", "s"], [huge, "s", odd, "s"], 1);

        ReportWriter.Write(report, _dir.FullName);

        var (width, height, _) = ReadPng(Path.Combine(_dir.FullName, "confusion.png"));
        Assert.InRange(width, 400, 2000);
        Assert.InRange(height, 400, 2000);
        Assert.Contains(huge, File.ReadAllText(Path.Combine(_dir.FullName, "report.json")));
        Assert.Equal(new string('x', 40) + "...", ConfusionPlot.DisplayName(huge));
        Assert.Equal("a\\nb\\r\\u0000c\\u0007", ConfusionPlot.DisplayName(odd));
    }

    [Fact]
    public void Write_ThousandsOfClasses_PlotsTheMostFrequentAtABoundedSize()
    {
        var report = SyntheticReports.ManyClasses(classes: 3000, utterances: 20_000);

        ReportWriter.Write(report, _dir.FullName);

        var (width, height, _) = ReadPng(Path.Combine(_dir.FullName, "confusion.png"));
        Assert.InRange(width, 900, 8000);
        Assert.InRange(height, 900, 8000);
    }

    [Fact]
    public void Write_SmallCase_WritesValidPng()
    {
        ReportWriter.Write(ClassificationReportTests.ThreeClassCase(), _dir.FullName);

        var (width, height, length) = ReadPng(Path.Combine(_dir.FullName, "confusion.png"));
        Assert.InRange(width, 400, 2000);
        Assert.InRange(height, 400, 2000);
        Assert.InRange(length, 5_000, 5_000_000);
    }

    [Fact]
    public void Write_SingleClass_DoesNotThrow()
    {
        var report = ClassificationReport.Compute(["a"], ["a", "a"], ["a", "a"], 1);

        ReportWriter.Write(report, _dir.FullName);

        ReadPng(Path.Combine(_dir.FullName, "confusion.png"));
    }

    [Fact]
    public void Write_OutDirIsAFile_ThrowsDialogueActsException()
    {
        string file = Path.Combine(_dir.FullName, "file");
        File.WriteAllText(file, "x");

        var ex = Assert.Throws<DialogueActsException>(() => ReportWriter.Write(ClassificationReportTests.ThreeClassCase(), file));
        Assert.Contains(file, ex.Message);
    }

    /// <summary>Checks the PNG signature and IHDR chunk; returns the image size and the file length.</summary>
    private static (int Width, int Height, long Length) ReadPng(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, "PNG too short");
        Assert.Equal(PngMagic, bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        int width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        int height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        return (width, height, bytes.Length);
    }
}
