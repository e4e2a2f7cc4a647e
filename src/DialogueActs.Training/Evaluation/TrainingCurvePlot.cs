using System.Text.Json;
using ScottPlot;

namespace DialogueActs.Training.Evaluation;

/// <summary>Draws validation accuracy by epoch from one or more <c>metrics.jsonl</c> files as a PNG.</summary>
public static class TrainingCurvePlot
{
    /// <summary>One curve: a name for the legend and the path of its <c>metrics.jsonl</c>.</summary>
    public sealed record Curve(string Name, string MetricsPath);

    /// <summary>Reads the curves and saves the plot.</summary>
    /// <exception cref="DialogueActsException">A missing or malformed metrics file.</exception>
    public static void SavePng(IReadOnlyList<Curve> curves, string path, string title)
    {
        var plot = new Plot();
        foreach (var curve in curves)
        {
            var (epochs, accuracy) = Read(curve.MetricsPath);
            var line = plot.Add.Scatter(epochs, accuracy.Select(a => a * 100).ToArray());
            line.LegendText = curve.Name;
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("valid accuracy (%)");
        plot.ShowLegend(Alignment.LowerRight);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(900, 560, ImageFormat.Png));
    }

    private static (double[] Epochs, double[] Accuracy) Read(string path)
    {
        if (!File.Exists(path)) throw new DialogueActsException($"{path}: file not found");
        var epochs = new List<double>();
        var accuracy = new List<double>();
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.TryGetProperty("valid_accuracy", out var value) && value.ValueKind == JsonValueKind.Number)
                {
                    epochs.Add(json.RootElement.GetProperty("epoch").GetInt32());
                    accuracy.Add(value.GetDouble());
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new DialogueActsException($"{path}:{lineNumber}: not a metrics line ({DialogueActsException.FirstLine(ex.Message)})", ex);
            }
        }
        if (epochs.Count == 0) throw new DialogueActsException($"{path}: no epochs with a validation accuracy");
        return (epochs.ToArray(), accuracy.ToArray());
    }
}
