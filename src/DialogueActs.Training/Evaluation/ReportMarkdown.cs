using System.Globalization;
using System.Text;

namespace DialogueActs.Training.Evaluation;

/// <summary>
/// Renders a <see cref="ClassificationReport"/> as a readable Markdown document: how it was tagged (offline or online with a lag), headline metrics, the
/// per-class table ordered by support (with the labels' names when the model has them), the calibration of the confidences
/// (offline), unknown gold labels and the most frequent confusions, each with the utterances behind it that the model was
/// surest of (when the report has its <see cref="ClassificationReport.Errors"/>).
/// </summary>
public static class ReportMarkdown
{
    /// <summary>How many off-diagonal confusion pairs the report lists.</summary>
    public const int TopConfusions = 10;

    /// <summary>How many misclassified utterances the report shows for each listed confusion (the most confident ones).</summary>
    public const int ExamplesPerConfusion = 3;

    /// <summary>Longest utterance text an example shows before cutting it with <c>...</c>.</summary>
    private const int MaxExampleText = 160;

    /// <summary>Renders the report as Markdown.</summary>
    public static string Render(ClassificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.AppendLine("# Dialogue-act evaluation report");
        sb.AppendLine();
        sb.AppendLine(report.Mode.Describe());
        sb.AppendLine();
        sb.AppendLine("| Metric | Value |");
        sb.AppendLine("|---|---:|");
        sb.AppendLine($"| Accuracy | {Percent(report.Accuracy)} |");
        sb.AppendLine($"| Macro F1 | {Percent(report.MacroF1)} |");
        sb.AppendLine($"| Weighted F1 | {Percent(report.WeightedF1)} |");
        sb.AppendLine($"| Utterances | {Int(report.UtteranceCount)} |");
        sb.AppendLine($"| Conversations | {Int(report.ConversationCount)} |");
        sb.AppendLine($"| Classes evaluated | {Int(report.PerClass.Count)} |");
        sb.AppendLine();
        sb.AppendLine("Macro F1 is the unweighted mean over classes that occur in the gold labels or the predictions; "
            + "weighted F1 weights each class by its support (gold count).");
        sb.AppendLine();

        AppendPerClass(sb, report);
        AppendCalibration(sb, report);
        AppendUnknown(sb, report);
        AppendConfusions(sb, report);
        return sb.ToString();
    }

    private static void AppendPerClass(StringBuilder sb, ClassificationReport report)
    {
        bool named = !report.Glossary.IsEmpty;
        sb.AppendLine("## Per-class metrics");
        sb.AppendLine();
        sb.AppendLine(named ? "| Label | Name | Precision | Recall | F1 | Support |" : "| Label | Precision | Recall | F1 | Support |");
        sb.AppendLine(named ? "|---|---|---:|---:|---:|---:|" : "|---|---:|---:|---:|---:|");
        // OrderByDescending is stable: ties keep the label order of the model.
        foreach (var (label, m) in report.PerClass.OrderByDescending(kv => kv.Value.Support))
        {
            sb.AppendLine(Row(named ? $"{Label(label)} | {Text(report.Glossary.NameOf(label) ?? "")}" : Label(label), m));
        }
        sb.AppendLine(Row(named ? "**macro avg** | " : "**macro avg**", report.MacroAverage));
        sb.AppendLine(Row(named ? "**weighted avg** | " : "**weighted avg**", report.WeightedAverage));
        sb.AppendLine();
    }

    private static void AppendCalibration(StringBuilder sb, ClassificationReport report)
    {
        if (report.Calibration is not { } c) return;
        sb.AppendLine("## Calibration of the confidences");
        sb.AppendLine();
        sb.AppendLine($"The confidence of an utterance is the probability of its label. Expected calibration error (ECE, {CalibrationMetrics.BinCount} equal-width bins), "
            + $"multi-class Brier score and negative log-likelihood of the gold labels; the model's temperature is {c.Temperature.ToString("0.000", CultureInfo.InvariantCulture)} "
            + $"(`{ReportWriter.ReliabilityPngFileName}` draws the reliability diagram).");
        sb.AppendLine();
        sb.AppendLine("| Confidences | ECE | Brier | NLL |");
        sb.AppendLine("|---|---:|---:|---:|");
        sb.AppendLine(CalibrationRow("CRF marginals (temperature 1)", c.Before));
        sb.AppendLine(CalibrationRow("at the model's temperature", c.After));
        if (c.CrossFitted is { } crossFitted)
            sb.AppendLine(CalibrationRow($"cross-fitted (temperatures {string.Join(" and ", c.CrossFitTemperatures.Select(t => t.ToString("0.000", CultureInfo.InvariantCulture)))})", crossFitted));
        sb.AppendLine();
        sb.AppendLine("Cross-fitted: the temperature fitted on half of these conversations and measured on the other half, both ways, pooled; "
            + "the honest figure for the conversations the model's temperature was fitted on (the valid split).");
        sb.AppendLine();
    }

    private static string CalibrationRow(string name, CalibrationMetrics m) =>
        $"| {name} | {Fraction(m.Ece)} | {Fraction(m.Brier)} | {Fraction(m.NegativeLogLikelihood)} |";

    private static void AppendUnknown(StringBuilder sb, ClassificationReport report)
    {
        if (report.UnknownLabels.Count == 0)
        {
            return;
        }
        int total = report.UnknownLabels.Values.Sum();
        sb.AppendLine("## Unknown gold labels");
        sb.AppendLine();
        sb.AppendLine($"{Int(total)} utterance(s) carry gold labels the model never saw; they can never be "
            + "predicted and are counted as errors.");
        sb.AppendLine();
        sb.AppendLine("| Label | Count |");
        sb.AppendLine("|---|---:|");
        foreach (var (label, count) in report.UnknownLabels.OrderByDescending(kv => kv.Value))
        {
            sb.AppendLine($"| {Label(label)} | {Int(count)} |");
        }
        sb.AppendLine();
    }

    private static void AppendConfusions(StringBuilder sb, ClassificationReport report)
    {
        sb.AppendLine("## Most frequent confusions");
        sb.AppendLine();
        var pairs = new List<(int Gold, int Predicted, int Count)>();
        for (int g = 0; g < report.Labels.Count; g++)
        {
            for (int p = 0; p < report.Labels.Count; p++)
            {
                int count = report.Count(g, p);
                if (g != p && count > 0)
                {
                    pairs.Add((g, p, count));
                }
            }
        }
        if (pairs.Count == 0)
        {
            sb.AppendLine("No confusions: every utterance was tagged correctly.");
            return;
        }
        var top = pairs.OrderByDescending(x => x.Count).Take(TopConfusions).ToList();
        sb.AppendLine("| Gold | Predicted | Count | Share of gold |");
        sb.AppendLine("|---|---|---:|---:|");
        foreach (var (g, p, count) in top)
        {
            int support = report.ConfusionMatrix[g].Sum();
            sb.AppendLine($"| {Label(report.Labels[g])} | {Label(report.Labels[p])} | {Int(count)} | {Percent((double)count / support)} |");
        }
        if (report.Errors.Count == 0) return;

        sb.AppendLine();
        sb.AppendLine($"### Examples");
        sb.AppendLine();
        sb.AppendLine($"For each confusion above, the {ExamplesPerConfusion} utterances the model was surest of (all of them: `{ReportWriter.ErrorsFileName}`), "
            + "each after the two before it.");
        var byPair = report.Errors.ToLookup(e => (e.Gold, e.Predicted));
        foreach (var (g, p, count) in top)
        {
            sb.AppendLine();
            sb.AppendLine($"**{Label(report.Labels[g])} predicted as {Label(report.Labels[p])}** ({Int(count)})");
            sb.AppendLine();
            sb.AppendLine("| Conversation | Utterance | Before | Text | Confidence |");
            sb.AppendLine("|---|---:|---|---|---:|");
            // OrderByDescending is stable: equally confident examples keep corpus order.
            foreach (var e in byPair[(report.Labels[g], report.Labels[p])].OrderByDescending(e => e.Confidence).Take(ExamplesPerConfusion))
            {
                string before = string.Join("<br>", e.Before.Select(b => $"{Said(b.Speaker, b.Text)} {Label(b.Label ?? "")}"));
                sb.AppendLine($"| {Text(e.ConversationId)} | {e.Index} | {before} | {Said(e.Speaker, e.Text)} | {Fraction(e.Confidence)} |");
            }
        }
    }

    /// <summary><c>A: text</c>, or the text alone when the corpus has no speakers.</summary>
    private static string Said(string? speaker, string text) => speaker is null ? Text(text) : $"{Text(speaker)}: {Text(text)}";

    /// <summary>
    /// Corpus text inside a table cell: one line, at most <see cref="MaxExampleText"/> characters, Markdown and HTML
    /// characters escaped so that the text shows as written.
    /// </summary>
    private static string Text(string text)
    {
        string line = text.ReplaceLineEndings(" ");
        if (line.Length > MaxExampleText) line = line[..MaxExampleText] + "...";
        if (line.Length == 0) return "(empty)";
        var escaped = new StringBuilder(line.Length + 8);
        foreach (char c in line)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#' or '~' or '!' or '&') escaped.Append('\\');
            escaped.Append(char.IsControl(c) ? ' ' : c);
        }
        return escaped.ToString();
    }

    private static string Row(string label, ClassMetrics m) =>
        $"| {label} | {Fraction(m.Precision)} | {Fraction(m.Recall)} | {Fraction(m.F1)} | {Int(m.Support)} |";

    /// <summary>A label as an inline code span so characters like <c>_ ^ * %</c> stay literal; pipes are escaped for the table.</summary>
    private static string Label(string label)
    {
        string text = label.Replace("|", "\\|", StringComparison.Ordinal);
        string fence = text.Contains('`', StringComparison.Ordinal) ? "`` " : "`";
        string close = fence == "`" ? "`" : " ``";
        return text.Length == 0 ? "(empty)" : fence + text + close;
    }

    private static string Fraction(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Percent(double value) => (100 * value).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Int(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
