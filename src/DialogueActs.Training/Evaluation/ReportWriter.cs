namespace DialogueActs.Training.Evaluation;

/// <summary>Writes the evaluation outputs of a <see cref="ClassificationReport"/> into a directory.</summary>
public static class ReportWriter
{
    /// <summary>File name of the JSON report.</summary>
    public const string JsonFileName = "report.json";

    /// <summary>File name of the Markdown report.</summary>
    public const string MarkdownFileName = "report.md";

    /// <summary>File name of the misclassified utterances, one JSON object per line (<see cref="ErrorsJsonl"/>).</summary>
    public const string ErrorsFileName = "errors.jsonl";

    /// <summary>File name of the confusion-matrix heatmap.</summary>
    public const string ConfusionPngFileName = "confusion.png";

    /// <summary>File name of the reliability diagram, written when the report measured calibration (<see cref="ClassificationReport.Calibration"/>).</summary>
    public const string ReliabilityPngFileName = "reliability.png";

    /// <summary>File name of the self-contained HTML report (opens from disk; no network).</summary>
    public const string HtmlFileName = "report.html";

    /// <summary>
    /// Writes <c>report.json</c>, <c>report.md</c>, <c>errors.jsonl</c>, <c>confusion.png</c>, <c>report.html</c> and, when the
    /// report measured calibration, <c>reliability.png</c> into <paramref name="outDir"/>, creating the directory if needed and
    /// replacing existing files.
    /// </summary>
    /// <exception cref="DialogueActsException">The directory or a file cannot be written.</exception>
    public static void Write(ClassificationReport report, string outDir) => Write(report, outDir, new ReportDetails());

    /// <summary>
    /// Writes the reports as <see cref="Write(ClassificationReport, string)"/> does, with <paramref name="details"/> (the model,
    /// the data, the validation curve) in <c>report.html</c>.
    /// </summary>
    /// <exception cref="DialogueActsException">The directory or a file cannot be written.</exception>
    public static void Write(ClassificationReport report, string outDir, ReportDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        AtomicFile.EnsureFolder(outDir);
        ReportJson.Write(report, Path.Combine(outDir, JsonFileName));
        AtomicFile.WriteAllText(Path.Combine(outDir, MarkdownFileName), ReportMarkdown.Render(report));
        ErrorsJsonl.Write(report, Path.Combine(outDir, ErrorsFileName));
        ConfusionPlot.SavePng(report, Path.Combine(outDir, ConfusionPngFileName));
        if (report.Calibration is { } calibration) ReliabilityPlot.SavePng(calibration, Path.Combine(outDir, ReliabilityPngFileName));
        AtomicFile.WriteAllText(Path.Combine(outDir, HtmlFileName), ReportHtml.Render(report, details));
    }
}
