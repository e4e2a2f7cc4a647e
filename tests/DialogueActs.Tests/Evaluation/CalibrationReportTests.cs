using System.Text.Json;
using DialogueActs.Inference;
using DialogueActs.Tests.Inference;
using DialogueActs.Training.Evaluation;

namespace DialogueActs.Tests.Evaluation;

/// <summary>ECE, Brier and NLL against hand computation, calibration before/after/cross-fitted, and their place in the reports.</summary>
public sealed class CalibrationReportTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dialogueacts-calibration-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void TheMetricsAreTheDefinitions_OnAHandComputedCase()
    {
        // Confidences 0.9 (right), 0.7 (wrong), 0.6 (wrong: a gold label the model does not have), one per bin.
        var metrics = CalibrationMetrics.Compute([0, 1, 0], [0, 0, -1], [[0.9f, 0.1f], [0.3f, 0.7f], [0.6f, 0.4f]]);
        Assert.Equal((0.1 + 0.7 + 0.6) / 3, metrics.Ece, 1e-6);
        Assert.Equal((0.02 + 0.98 + 1.52) / 3, metrics.Brier, 1e-6);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.3)) / 2, metrics.NegativeLogLikelihood, 1e-6);
        Assert.Equal(CalibrationMetrics.BinCount, metrics.Bins.Count);
        Assert.Equal([9, 10, 13], metrics.Bins.Select((b, i) => (b, i)).Where(x => x.b.Count > 0).Select(x => x.i));
        Assert.Equal(1.0, metrics.Bins[13].Accuracy);
        Assert.Equal(0.7, metrics.Bins[10].Confidence, 1e-6);
        Assert.Equal(1.0, metrics.Bins[^1].Upper);
    }

    [Fact]
    public void EceIsSmallWhenConfidenceIsRightAsOftenAsItSays_AndTheGapWhenOverconfident()
    {
        var random = new Random(3);
        int n = 40_000;
        var confidences = Enumerable.Range(0, n).Select(_ => 0.4 + 0.6 * random.NextDouble()).ToArray();
        float[][] Rows() => confidences.Select(c => new[] { (float)c, (float)(1 - c) }).ToArray();
        int[] predicted = new int[n];
        var calibrated = confidences.Select(c => random.NextDouble() < c ? 0 : 1).ToArray();
        var overconfident = confidences.Select(c => random.NextDouble() < c - 0.2 ? 0 : 1).ToArray();
        Assert.InRange(CalibrationMetrics.Compute(predicted, calibrated, Rows()).Ece, 0, 0.02);
        Assert.InRange(CalibrationMetrics.Compute(predicted, overconfident, Rows()).Ece, 0.18, 0.22);
    }

    [Fact]
    public void ScalingImprovesAMiscalibratedModel_AndCrossFittingFindsItsTemperatureOnEachHalf()
    {
        var data = TemperatureScalingTests.Synthetic(truth: 2.0, conversations: 2000, seed: 5);
        double temperature = TemperatureScaling.Fit(data);
        var report = CalibrationReport.Compute(data, temperature);
        Assert.Equal(temperature, report.Temperature);
        Assert.True(report.After.NegativeLogLikelihood < report.Before.NegativeLogLikelihood);
        Assert.True(report.Before.Ece > 0.05, $"ECE before {report.Before.Ece}");
        Assert.NotNull(report.CrossFitted);
        Assert.True(report.CrossFitted!.Ece < report.Before.Ece / 2, $"ECE {report.CrossFitted.Ece} cross-fitted, {report.Before.Ece} before");
        Assert.True(report.CrossFitted.Brier < report.Before.Brier);
        Assert.Equal(2, report.CrossFitTemperatures.Count);
        Assert.All(report.CrossFitTemperatures, t => Assert.InRange(t, 1.7, 2.3));
        Assert.Null(CalibrationReport.Compute(data.Subset([0]), temperature).CrossFitted);           // one conversation cannot be split
    }

    private static ClassificationReport Calibrated()
    {
        var data = TemperatureScalingTests.Synthetic(truth: 1.5, conversations: 200, seed: 9);
        var report = ClassificationReportTests.ThreeClassCase();
        var names = report.Labels.Take(2).ToDictionary(l => l, l => new LabelName($"Name of {l}"));
        return report.WithGlossary(new LabelGlossary(names)).WithCalibration(CalibrationReport.Compute(data, 1.5));
    }

    [Fact]
    public void ReportJsonCarriesTheNamesAndTheCalibration_AndReadsThemBack()
    {
        var report = Calibrated();
        string json = ReportJson.Serialize(report);
        using (var doc = JsonDocument.Parse(json))
        {
            var root = doc.RootElement;
            string first = report.Labels[0];
            Assert.Equal($"Name of {first}", root.GetProperty("per_class").GetProperty(first).GetProperty("name").GetString());
            Assert.Equal("name", root.GetProperty("per_class").GetProperty(first).EnumerateObject().First().Name);
            Assert.False(root.GetProperty("per_class").GetProperty(report.Labels[2]).TryGetProperty("name", out _));
            var calibration = root.GetProperty("calibration");
            Assert.Equal(["temperature", "before", "after", "cross_fitted", "cross_fit_temperatures"], calibration.EnumerateObject().Select(p => p.Name));
            Assert.Equal(report.Calibration!.After.Ece, calibration.GetProperty("after").GetProperty("ece").GetDouble());
            Assert.Equal(CalibrationMetrics.BinCount, calibration.GetProperty("before").GetProperty("reliability").GetArrayLength());
        }
        var read = ReportJson.Deserialize(json);
        Assert.Equal(report.Glossary.Entries.OrderBy(e => e.Key), read.Glossary.Entries.OrderBy(e => e.Key));
        Assert.Equal(report.Calibration!.Temperature, read.Calibration!.Temperature);
        Assert.Equal(report.Calibration.CrossFitTemperatures, read.Calibration.CrossFitTemperatures);
        Assert.Equal(report.Calibration.Before.Bins, read.Calibration.Before.Bins);
        Assert.Equal(report.Calibration.CrossFitted!.Brier, read.Calibration.CrossFitted!.Brier);
        Assert.Equal(json, ReportJson.Serialize(read));

        // A report without names or calibration has neither key.
        string plain = ReportJson.Serialize(ClassificationReportTests.ThreeClassCase());
        Assert.DoesNotContain("\"name\"", plain);
        Assert.DoesNotContain("\"calibration\"", plain);
    }

    [Fact]
    public void TheWriterDrawsTheReliabilityDiagram_AndTheMarkdownShowsNamesAndCalibration()
    {
        string outDir = Path.Combine(_dir.FullName, "eval");
        var report = Calibrated();
        ReportWriter.Write(report, outDir);
        var png = File.ReadAllBytes(Path.Combine(outDir, ReportWriter.ReliabilityPngFileName));
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        Assert.True(png.Length > 10_000, $"{png.Length} bytes");
        string markdown = File.ReadAllText(Path.Combine(outDir, ReportWriter.MarkdownFileName));
        Assert.Contains("| Label | Name | Precision | Recall | F1 | Support |", markdown);
        Assert.Contains($"| `{report.Labels[0]}` | Name of {report.Labels[0]} |", markdown);
        Assert.Contains("## Calibration of the confidences", markdown);
        Assert.Contains($"| CRF marginals (temperature 1) | {report.Calibration!.Before.Ece:0.0000} |", markdown);

        string plainDir = Path.Combine(_dir.FullName, "plain");
        ReportWriter.Write(ClassificationReportTests.ThreeClassCase(), plainDir);
        Assert.False(File.Exists(Path.Combine(plainDir, ReportWriter.ReliabilityPngFileName)));
        Assert.DoesNotContain("Calibration", File.ReadAllText(Path.Combine(plainDir, ReportWriter.MarkdownFileName)));
    }
}
