using System.Text.RegularExpressions;
using DialogueActs.Inference;
using DialogueActs.Tests.Architecture;
using DialogueActs.Tests.Import;

namespace DialogueActs.Tests.Cli;

/// <summary>
/// The README's SwDA quickstart, as written: its three commands read from README.md and run with the repository's
/// <c>configs/swda.json</c>, the <c>git clone</c> replaced by a small corpus the test writes in the repository's layout
/// (<see cref="DuranClone"/>), and the training shortened with more <c>--set</c> overrides.
/// </summary>
public sealed class ReadmeQuickstartTests : IDisposable
{
    private const string CliPrefix = "dotnet run --project src/DialogueActs.Cli -c Release -- ";

    /// <summary>Makes the README's training take seconds: one epoch of a small model over every word.</summary>
    private static readonly string[] Shorter =
    [
        "--set", "training.epochs=1", "--set", "model.embeddingDim=16", "--set", "model.utteranceHidden=20",
        "--set", "model.conversationHidden=18", "--set", "tokenizer.minCount=1",
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "da-readme-" + Guid.NewGuid().ToString("N"));

    public ReadmeQuickstartTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The commands of the README's fenced block that clones SwDA, one per line.</summary>
    private static string[] QuickstartCommands()
    {
        string readme = File.ReadAllText(Path.Combine(LayeringTests.RepositoryRoot(), "README.md"));
        var block = Regex.Matches(readme, "```bash\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value)
            .Single(b => b.Contains("git clone", StringComparison.Ordinal) && b.Contains("import swda", StringComparison.Ordinal));
        return block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    [Fact]
    public void TheReadmesSwdaQuickstartImportsAndTrains()
    {
        var commands = QuickstartCommands();
        Assert.Equal(3, commands.Length);
        Assert.Equal("git clone https://github.com/NathanDuran/Switchboard-Corpus", commands[0]);
        Assert.All(commands[1..], c => Assert.StartsWith(CliPrefix, c));
        var import = commands[1][CliPrefix.Length..].Split(' ');
        var train = commands[2][CliPrefix.Length..].Split(' ');
        Assert.Equal(["import", "swda"], import[..2]);
        Assert.Equal("train", train[0]);

        // The clone: a corpus in the repository's layout where `git clone` would put it; the repository's config.
        using var clone = DuranClone.Swda();
        Directory.CreateSymbolicLink(Path.Combine(_directory, "Switchboard-Corpus"), clone.Root);
        Directory.CreateDirectory(Path.Combine(_directory, "configs"));
        File.Copy(Path.Combine(LayeringTests.RepositoryRoot(), "configs", "swda.json"), Path.Combine(_directory, "configs", "swda.json"));
        var environment = new Dictionary<string, string?> { ["DIALOGUE_ACTS_DATA"] = null };

        var imported = CliRunner.RunIn(_directory, environment, import);
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        string data = Path.Combine(_directory, Value(import, "--out"));
        foreach (string file in new[] { "train.csv", "valid.csv", "test.csv", "labels.json" }) Assert.True(File.Exists(Path.Combine(data, file)), file);

        var trained = CliRunner.RunIn(_directory, environment, [.. train, .. Shorter]);
        Assert.True(trained.ExitCode == 0, trained.Stderr);
        Assert.Contains("valid_accuracy ", trained.Stdout);
        Assert.Contains("test_accuracy ", trained.Stdout);
        string run = Path.Combine(_directory, Value(train, "--out"));
        using var tagger = DialogueActTagger.Load(Path.Combine(run, "model.zip"));
        Assert.Equal("Statement-non-opinion", tagger.Glossary.NameOf("sd"));                             // labels.json from the label map
        Assert.NotEqual(TemperatureScaling.Identity, tagger.Temperature);                                 // calibrated on the valid split
        Assert.True(File.Exists(Path.Combine(run, "valid", "reliability.png")));
    }

    private static string Value(string[] args, string option) => args[Array.IndexOf(args, option) + 1];
}
