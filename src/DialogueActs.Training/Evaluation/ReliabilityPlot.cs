using System.Globalization;
using ScottPlot;

namespace DialogueActs.Training.Evaluation;

/// <summary>
/// Draws the reliability diagram of a <see cref="CalibrationReport"/> as a PNG: for each non-empty confidence bin, the
/// accuracy of its utterances against their mean confidence, before temperature scaling, at the model's temperature and
/// cross-fitted, beside the diagonal of perfect calibration; the legend gives each curve's ECE.
/// </summary>
public static class ReliabilityPlot
{
    /// <summary>Renders the diagram and saves it as a PNG at <paramref name="path"/> (atomically).</summary>
    /// <exception cref="DialogueActsException">The file cannot be written.</exception>
    public static void SavePng(CalibrationReport calibration, string path)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(path);
        var plot = new Plot();
        if (ConfusionPlot.PickSansFont() is { } font) plot.Font.Set(font);
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "perfect calibration";
        Curve(plot, calibration.Before, "temperature 1", Colors.OrangeRed);
        Curve(plot, calibration.After, string.Create(CultureInfo.InvariantCulture, $"temperature {calibration.Temperature:0.000}"), Colors.RoyalBlue);
        if (calibration.CrossFitted is { } crossFitted) Curve(plot, crossFitted, "cross-fitted", Colors.SeaGreen);
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.XLabel("confidence (mean of the bin)", 16);
        plot.YLabel("accuracy", 16);
        plot.Title($"Reliability diagram ({CalibrationMetrics.BinCount} equal-width bins)", 16);
        plot.ShowLegend(Alignment.UpperLeft);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(760, 700, ImageFormat.Png));
    }

    private static void Curve(Plot plot, CalibrationMetrics metrics, string name, Color color)
    {
        var bins = metrics.Bins.Where(b => b.Count > 0).ToArray();
        if (bins.Length == 0) return;
        var line = plot.Add.Scatter(bins.Select(b => b.Confidence).ToArray(), bins.Select(b => b.Accuracy).ToArray());
        line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{name}: ECE {metrics.Ece:0.0000}");
        line.Color = color;
        line.LineWidth = 2;
        line.MarkerSize = 7;
    }
}
