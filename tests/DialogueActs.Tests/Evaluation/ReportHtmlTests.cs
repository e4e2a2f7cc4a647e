using System.Text.Json;
using System.Text.RegularExpressions;
using DialogueActs.Data;
using DialogueActs.Training;
using DialogueActs.Training.Evaluation;

namespace DialogueActs.Tests.Evaluation;

/// <summary>
/// report.html holds exactly report.json, the lines of errors.jsonl and the details, inside one script element that no text
/// can close; it loads nothing from the network. (The browser tests open it and click it: Web/BrowserTests.cs.)
/// </summary>
public sealed class ReportHtmlTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dialogueacts-report-html-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheEmbeddedDataIsTheReportTheErrorsAndTheDetails_AndNoTextEscapesItsScriptElement()
    {
        const string hostile = "</script><script>alert(1)</script><!-- /*DATA*/ /*SCRIPT*/ é";
        Utterance[] before = [new("A", hostile, "s")];
        var errors = new List<MisclassifiedUtterance> { new("c1", 1, "B", hostile, before, "s", "q", 0.25) };
        var report = ClassificationReport.Compute(["s", "q"], ["s", "s", "q"], ["s", "q", "q"], 1).WithErrors(errors);
        var epochs = new[] { new EpochMetrics { Epoch = 1, ValidAccuracy = 0.5 }, new EpochMetrics { Epoch = 2, ValidAccuracy = 0.75, Best = true } };

        ReportWriter.Write(report, _dir, new ReportDetails { Model = "runs/x/model.zip", Data = "data/valid.csv", Created = new DateTimeOffset(2026, 12, 8, 1, 2, 0, TimeSpan.Zero), Epochs = epochs });

        string html = File.ReadAllText(Path.Combine(_dir, ReportWriter.HtmlFileName));
        Assert.Equal(2, Regex.Matches(html, "<script").Count);   // the data and the script, and none from any text
        Assert.Equal(2, Regex.Matches(html, "</script>").Count);
        Assert.DoesNotContain("alert(1)</script>", html);
        Assert.DoesNotMatch("(src|href)=\"?(https?:)?//", html);
        var match = Regex.Match(html, "<script id=\"report-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(match.Success);
        using var data = JsonDocument.Parse(match.Groups[1].Value);
        var root = data.RootElement;

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, ReportWriter.JsonFileName)));
        Assert.True(JsonElement.DeepEquals(json.RootElement, root.GetProperty("report")));
        var lines = File.ReadAllLines(Path.Combine(_dir, ReportWriter.ErrorsFileName));
        Assert.Equal(lines.Length, root.GetProperty("errors").GetArrayLength());
        for (int i = 0; i < lines.Length; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            Assert.True(JsonElement.DeepEquals(line.RootElement, root.GetProperty("errors")[i]));
        }
        Assert.Equal(hostile, root.GetProperty("errors")[0].GetProperty("text").GetString());
        Assert.Equal("runs/x/model.zip", root.GetProperty("details").GetProperty("model").GetString());
        Assert.Equal("2026-12-08 01:02 UTC", root.GetProperty("details").GetProperty("created").GetString());
        Assert.Equal([0.5, 0.75], root.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("valid_accuracy").GetDouble()));
    }

    [Fact]
    public void WithoutDetails_TheReportStillRenders_WithoutACurve()
    {
        ReportWriter.Write(ClassificationReportTests.ThreeClassCase(), _dir);
        string html = File.ReadAllText(Path.Combine(_dir, ReportWriter.HtmlFileName));
        var match = Regex.Match(html, "<script id=\"report-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline);
        using var data = JsonDocument.Parse(match.Groups[1].Value);
        Assert.Equal(0, data.RootElement.GetProperty("epochs").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, data.RootElement.GetProperty("details").GetProperty("model").ValueKind);
    }
}
