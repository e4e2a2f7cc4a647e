using DialogueActs.Fuzz;
using Xunit.Abstractions;

namespace DialogueActs.Tests.Fuzz;

/// <summary>
/// The CI-size fuzz run: the engine of <c>scripts/Fuzz</c> (the 10,000-case benchmark) with 200 cases
/// per parser and a fixed seed, plus two rejected cases per file parser replayed through the real CLI.
/// Every case must be accepted or rejected with a one-line error (HTTP: a 4xx problem).
/// </summary>
public sealed class FuzzTests
{
    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void EveryParserAcceptsOrRejectsWithAOneLineError()
    {
        string outputDirectory = Path.Combine(Path.GetTempPath(), "da-fuzz-out-" + Guid.NewGuid().ToString("N"));
        var settings = new FuzzSettings { Cases = 200, Seed = 7, CliSamples = 2, OutputDirectory = outputDirectory, ProgressEvery = 0 };
        var log = new StringWriter();
        IReadOnlyList<TargetResult> results;
        using (var session = new FuzzSession(settings, log))
        {
            results = session.Run();
        }
        _output.WriteLine(FuzzReport.Table(results));
        _output.WriteLine(log.ToString());

        Assert.Equal(FuzzSettings.AllTargets, results.Select(r => r.Name));
        Assert.All(results, r =>
        {
            Assert.Equal(200, r.Cases);
            Assert.True(r.Accepted > 0, $"{r.Name}: no case was accepted (the seeds or the harness are broken)");
            Assert.True(r.Rejected > 0, $"{r.Name}: no case was rejected");
        });
        Assert.All(results.Where(r => r.Name is not ("http" or "session")), r => Assert.Equal(2, r.CliCases));
        string failures = string.Join("\n", results.SelectMany(r => r.Failures.Concat(r.CliFailures)));
        Assert.True(results.All(r => r.Passed), $"fuzz failures (inputs in {outputDirectory}):\n{failures}");
        Directory.Delete(outputDirectory, recursive: true);
    }
}
