using System.Text.Json;
using DialogueActs.Training.Evaluation;
using DialogueActs.Inference;
using DialogueActs.Tests.Inference;

namespace DialogueActs.Tests.Cli;

/// <summary><c>evaluate --online</c> and <c>predict --online</c> on a causal model, against the library's sessions.</summary>
[Collection(CausalModelCollection.Name)]
public sealed class OnlineCliTests
{
    private readonly CausalModelFixture _fixture;

    public OnlineCliTests(CausalModelFixture fixture) => _fixture = fixture;

    private string Out(string name) => Path.Combine(_fixture.Directory, name);

    [Fact]
    public void LagWithoutOnlineIsOneCleanLine()
    {
        CliRunner.AssertFailsWith(CliRunner.Run("evaluate", "--model", _fixture.ModelPath, "--data", _fixture.ValidPath, "--out", Out("e-lag"), "--lag", "2"),
            "--lag: needs --online");
        CliRunner.AssertFailsWith(CliRunner.Run("predict", "--model", _fixture.ModelPath, "--input", _fixture.ValidPath, "--output", Out("p-lag.jsonl"), "--lag", "0"),
            "--lag: needs --online");
    }

    [Fact]
    public void ANegativeLagIsOneCleanLine()
    {
        CliRunner.AssertFailsWith(CliRunner.Run("evaluate", "--model", _fixture.ModelPath, "--data", _fixture.ValidPath, "--out", Out("e-neg"), "--online", "--lag", "-1"),
            "--lag: must be at least 0, got -1");
        CliRunner.AssertFailsWith(CliRunner.Run("predict", "--model", _fixture.ModelPath, "--input", _fixture.ValidPath, "--output", Out("p-neg.jsonl"), "--online", "--lag=-3"),
            "--lag: must be at least 0, got -3");
    }

    [Fact]
    public void EvaluateOnlineAtLagZeroScoresTheFirstAnswersOfSessions()
    {
        var conversations = _fixture.Valid();
        var gold = new List<string>();
        var firstAnswers = new List<string>();
        foreach (var c in conversations)
        {
            using var session = _fixture.Tagger.StartSession(lag: 0);
            foreach (var u in c.Utterances)
            {
                gold.Add(u.Label!);
                firstAnswers.Add(session.Add(u.Speaker, u.Text).Label);
            }
        }
        var expected = ClassificationReport.Compute(_fixture.Tagger.Labels, gold, firstAnswers, conversations.Count);

        string outDir = Out("eval-online-0");
        var result = CliRunner.Run("evaluate", "--model", _fixture.ModelPath, "--data", _fixture.ValidPath, "--out", outDir, "--online");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("mode online, lag 0", result.Stdout);
        var report = ReportJson.Read(Path.Combine(outDir, ReportWriter.JsonFileName));
        Assert.Equal(expected.Accuracy, report.Accuracy, 1e-9);
        Assert.Equal(gold.Count, report.UtteranceCount);
        Assert.Equal(expected.ConfusionMatrix, report.ConfusionMatrix);
        Assert.Equal(EvaluationMode.Online(0), report.Mode);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, ReportWriter.JsonFileName)));
        Assert.Equal(EvaluationMode.OnlineName, json.RootElement.GetProperty("mode").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("lag").GetInt32());
        Assert.Contains(EvaluationMode.Online(0).Describe(), File.ReadAllText(Path.Combine(outDir, ReportWriter.MarkdownFileName)));
        Assert.True(File.Exists(Path.Combine(outDir, ReportWriter.ConfusionPngFileName)));
    }

    [Fact]
    public void EvaluateOfflineRecordsItsMode()
    {
        string outDir = Out("eval-offline");
        var result = CliRunner.Run("evaluate", "--model", _fixture.ModelPath, "--data", _fixture.ValidPath, "--out", outDir);
        Assert.Equal(0, result.ExitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, ReportWriter.JsonFileName)));
        Assert.Equal(EvaluationMode.OfflineName, report.RootElement.GetProperty("mode").GetString());
        Assert.False(report.RootElement.TryGetProperty("lag", out _));
    }

    [Fact]
    public void PredictOnlineWritesEachUtterancesFinalLabel()
    {
        var conversations = _fixture.Valid();
        const int lag = 2;
        var expected = SessionReplay.Tag(_fixture.Tagger, conversations, lag);
        string output = Out("pred-online.jsonl");
        var result = CliRunner.Run("predict", "--model", _fixture.ModelPath, "--input", _fixture.ValidPath, "--output", output, "--online", "--lag", $"{lag}");
        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Equal(conversations.Count, lines.Length);
        for (int c = 0; c < lines.Length; c++)
        {
            using var line = JsonDocument.Parse(lines[c]);
            Assert.Equal(conversations[c].Id, line.RootElement.GetProperty("id").GetString());
            var utterances = line.RootElement.GetProperty("utterances").EnumerateArray().ToList();
            Assert.Equal(expected[c].Utterances.Select(u => u.Label), utterances.Select(u => u.GetProperty("label").GetString()));
            for (int i = 0; i < utterances.Count; i++)
                Assert.Equal(expected[c].Utterances[i].Confidence, utterances[i].GetProperty("confidence").GetDouble(), 1e-5);
        }
    }

    [Fact]
    public void PredictOnlineWithALagOfTheLongestConversationGivesTheOfflineLabels()
    {
        int longest = _fixture.Valid().Max(c => c.Utterances.Count);
        string offline = Out("pred-offline.jsonl"), online = Out("pred-full-lag.jsonl");
        Assert.Equal(0, CliRunner.Run("predict", "--model", _fixture.ModelPath, "--input", _fixture.ValidPath, "--output", offline).ExitCode);
        Assert.Equal(0, CliRunner.Run("predict", "--model", _fixture.ModelPath, "--input", _fixture.ValidPath, "--output", online, "--online", "--lag", $"{longest}").ExitCode);
        Assert.Equal(Labels(offline), Labels(online));
        Assert.NotEmpty(Labels(online));
    }

    private static List<string?> Labels(string jsonl) =>
        File.ReadAllLines(jsonl).SelectMany(line =>
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.GetProperty("utterances").EnumerateArray().Select(u => u.GetProperty("label").GetString()).ToList();
        }).ToList();
}
