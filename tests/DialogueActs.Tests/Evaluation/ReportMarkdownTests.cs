using DialogueActs.Training.Evaluation;
using Xunit;

namespace DialogueActs.Tests.Evaluation;

public class ReportMarkdownTests
{
    [Fact]
    public void Render_ContainsHeadlineMetricsAndCounts()
    {
        string md = ReportMarkdown.Render(ClassificationReportTests.ThreeClassCase());

        Assert.Contains("| Accuracy | 60.00% |", md);
        Assert.Contains("| Macro F1 | 61.11% |", md);
        Assert.Contains("| Weighted F1 | 60.00% |", md);
        Assert.Contains("| Utterances | 10 |", md);
        Assert.Contains("| Conversations | 2 |", md);
    }

    [Fact]
    public void Render_PerClassTableOrderedBySupportDescending()
    {
        string md = ReportMarkdown.Render(ClassificationReportTests.ThreeClassCase());
        string[] lines = md.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

        int header = Array.IndexOf(lines, "| Label | Precision | Recall | F1 | Support |");
        Assert.True(header >= 0, md);
        Assert.Equal("|---|---:|---:|---:|---:|", lines[header + 1]);
        Assert.Equal("| `a` | 0.6000 | 0.7500 | 0.6667 | 4 |", lines[header + 2]);
        Assert.Equal("| `b` | 0.5000 | 0.5000 | 0.5000 | 4 |", lines[header + 3]);
        Assert.Equal("| `c` | 1.0000 | 0.5000 | 0.6667 | 2 |", lines[header + 4]);
        Assert.Equal("| **macro avg** | 0.7000 | 0.5833 | 0.6111 | 10 |", lines[header + 5]);
        Assert.Equal("| **weighted avg** | 0.6400 | 0.6000 | 0.6000 | 10 |", lines[header + 6]);
        Assert.DoesNotContain("`d`", md);
    }

    [Fact]
    public void Render_ListsTopConfusionsMostFrequentFirst()
    {
        string md = ReportMarkdown.Render(ClassificationReportTests.ThreeClassCase());

        Assert.Contains("## Most frequent confusions", md);
        // Off-diagonal pairs: b→a 2, a→b 1, c→b 1.
        int ba = md.IndexOf("| `b` | `a` | 2 | 50.00% |", StringComparison.Ordinal);
        int ab = md.IndexOf("| `a` | `b` | 1 | 25.00% |", StringComparison.Ordinal);
        int cb = md.IndexOf("| `c` | `b` | 1 | 50.00% |", StringComparison.Ordinal);
        Assert.True(ba >= 0 && ab > ba && cb > ba, md);
    }

    [Fact]
    public void Render_TopConfusionsCappedAtTen()
    {
        string md = ReportMarkdown.Render(SyntheticReports.ManyClasses());
        string section = md[md.IndexOf("## Most frequent confusions", StringComparison.Ordinal)..];

        int rows = section.Split('\n').Count(l => l.StartsWith("| `", StringComparison.Ordinal));
        Assert.Equal(ReportMarkdown.TopConfusions, rows);
    }

    [Fact]
    public void Render_UnknownLabelsSectionOnlyWhenPresent()
    {
        Assert.DoesNotContain("Unknown gold labels", ReportMarkdown.Render(ClassificationReportTests.ThreeClassCase()));

        var report = ClassificationReport.Compute(["a"], ["a", "zz", "zz"], ["a", "a", "a"], 1);
        string md = ReportMarkdown.Render(report);
        Assert.Contains("## Unknown gold labels", md);
        Assert.Contains("| `zz` | 2 |", md);
    }

    [Fact]
    public void Render_EscapesPipesAndKeepsMarkdownCharactersLiteral()
    {
        var report = ClassificationReport.Compute(["a|b", "fo_o_fw_\"_by_bc"], ["a|b", "fo_o_fw_\"_by_bc"], ["a|b", "a|b"], 1);
        string md = ReportMarkdown.Render(report);

        Assert.Contains("| `a\\|b` |", md);
        Assert.Contains("| `fo_o_fw_\"_by_bc` |", md);
    }

    [Fact]
    public void Render_NoErrors_SaysSo()
    {
        var report = ClassificationReport.Compute(["a", "b"], ["a", "b"], ["a", "b"], 1);

        Assert.Contains("No confusions", ReportMarkdown.Render(report));
    }
}
