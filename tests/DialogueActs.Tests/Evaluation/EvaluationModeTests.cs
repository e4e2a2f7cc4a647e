using System.Text.Json;
using System.Text.Json.Nodes;
using DialogueActs.Training.Evaluation;

namespace DialogueActs.Tests.Evaluation;

/// <summary>How report.json and report.md record whether an evaluation was offline or online with a lag.</summary>
public sealed class EvaluationModeTests
{
    [Fact]
    public void AComputedReportIsOfflineAndReportJsonSaysSoWithoutALag()
    {
        var report = ClassificationReportTests.ThreeClassCase();
        Assert.Equal(EvaluationMode.Offline, report.Mode);
        using var doc = JsonDocument.Parse(ReportJson.Serialize(report));
        Assert.Equal("offline", doc.RootElement.GetProperty("mode").GetString());
        Assert.False(doc.RootElement.TryGetProperty("lag", out _));
        Assert.Contains(EvaluationMode.Offline.Describe(), ReportMarkdown.Render(report));
    }

    [Fact]
    public void AnOnlineReportWritesModeAndLagFirstAndReadsThemBack()
    {
        var report = ClassificationReportTests.ThreeClassCase().WithMode(EvaluationMode.Online(3));
        string json = ReportJson.Serialize(report);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(["mode", "lag"], doc.RootElement.EnumerateObject().Take(2).Select(p => p.Name));
        Assert.Equal("online", doc.RootElement.GetProperty("mode").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("lag").GetInt32());

        var read = ReportJson.Deserialize(json);
        Assert.Equal(EvaluationMode.Online(3), read.Mode);
        Assert.Equal(report.Accuracy, read.Accuracy);
        Assert.Equal(json, ReportJson.Serialize(read));
    }

    [Fact]
    public void WithModeKeepsEveryFigure()
    {
        var offline = SyntheticReports.ManyClasses();
        var online = offline.WithMode(EvaluationMode.Online(0));
        Assert.Equal(EvaluationMode.Online(0), online.Mode);
        Assert.Equal(WithoutMode(ReportJson.Serialize(offline)), WithoutMode(ReportJson.Serialize(online)));
    }

    private static string WithoutMode(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("mode");
        node.Remove("lag");
        return node.ToJsonString();
    }

    [Fact]
    public void TheMarkdownSaysOnlineWithTheLag()
    {
        string md = ReportMarkdown.Render(ClassificationReportTests.ThreeClassCase().WithMode(EvaluationMode.Online(2)));
        Assert.Contains("Tagged online with lag 2:", md);
        Assert.Contains("final once 2 more utterances have arrived", md);
        Assert.DoesNotContain("Tagged offline", md);
        Assert.Contains("each label is final when its utterance arrives", EvaluationMode.Online(0).Describe());
        Assert.Contains("final once 1 more utterance has arrived", EvaluationMode.Online(1).Describe());
    }

    [Fact]
    public void AReportWithoutAModeReadsAsOffline()
    {
        string json = WithoutMode(ReportJson.Serialize(ClassificationReportTests.ThreeClassCase()));
        Assert.DoesNotContain("\"mode\"", json);
        Assert.Equal(EvaluationMode.Offline, ReportJson.Deserialize(json).Mode);
    }

    [Theory]
    [InlineData("\"mode\": \"live\"", "r.json: $.mode: expected 'offline' or 'online', got 'live'")]
    [InlineData("\"mode\": \"online\"", "r.json: $.lag: an online evaluation needs a lag")]
    [InlineData("\"mode\": \"online\", \"lag\": -1", "r.json: $.lag: must be at least 0, got -1")]
    [InlineData("\"mode\": \"offline\", \"lag\": 2", "r.json: $.lag: only an online evaluation has a lag")]
    public void ABadModeOrLagIsOneLineNamingTheField(string fields, string expected)
    {
        string json = ReportJson.Serialize(ClassificationReportTests.ThreeClassCase()).Replace("\"mode\": \"offline\"", fields);
        var ex = Assert.Throws<DialogueActsException>(() => ReportJson.Deserialize(json, "r.json"));
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void ANegativeLagIsRefused() => Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationMode.Online(-1));
}
