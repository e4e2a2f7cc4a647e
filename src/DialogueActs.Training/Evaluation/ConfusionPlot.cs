using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace DialogueActs.Training.Evaluation;

/// <summary>
/// Draws the row-normalised confusion matrix of a <see cref="ClassificationReport"/> as a heatmap PNG:
/// gold labels on rows, predicted labels on columns, both ordered by gold frequency (descending), each gold
/// row summing to 1. The image is sized by the number of classes so that 40+ labels stay legible.
/// </summary>
public static class ConfusionPlot
{
    /// <summary>Up to this many classes each cell also shows its value as text.</summary>
    private const int AnnotateMaxClasses = 15;

    /// <summary>The most classes drawn: the most frequent gold labels; the title says when others were left out.</summary>
    private const int MaxPlottedClasses = 200;

    private static readonly string[] _preferredFonts =
        ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans", "Open Sans", "Segoe UI"];

    /// <summary>Renders the heatmap and saves it as a PNG at <paramref name="path"/> (atomically).</summary>
    /// <exception cref="DialogueActsException">The file cannot be written.</exception>
    public static void SavePng(ClassificationReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(path);

        int[] allClasses = OrderByGoldFrequency(report);
        int[] order = allClasses.Take(MaxPlottedClasses).ToArray();
        int k = order.Length;
        string[] names = order.Select(i => DisplayName(report.Labels[i])).ToArray();
        double[,] values = RowNormalised(report, order);

        float tickFontSize = k > 30 ? 12 : 14;
        int cell = Math.Max(Math.Clamp(900 / k, 18, 120), (int)Math.Ceiling(400.0 / k));
        int grid = cell * k;

        var plot = new Plot();
        string? font = PickSansFont();
        if (font is not null)
        {
            plot.Font.Set(font);
        }

        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "share of gold row";
        colorBar.LabelStyle.FontSize = 14;
        double[] shares = Enumerable.Range(0, 11).Select(i => i / 10.0).ToArray();
        colorBar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            shares, shares.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)).ToArray());
        if (k <= AnnotateMaxClasses)
        {
            AnnotateCells(plot, values, cell);
        }

        // Heatmap row r is drawn at y = k - 1 - r (row 0 on top); column c at x = c.
        double[] columns = Enumerable.Range(0, k).Select(c => (double)c).ToArray();
        double[] rows = Enumerable.Range(0, k).Select(r => (double)(k - 1 - r)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(columns, names);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(rows, names);
        IAxis[] axes = [plot.Axes.Bottom, plot.Axes.Left];
        foreach (var axis in axes)
        {
            axis.TickLabelStyle.FontSize = tickFontSize;
            axis.MinorTickStyle.Length = 0;
        }
        plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        plot.HideGrid();
        plot.XLabel("Predicted label", 16);
        plot.YLabel("Gold label", 16);
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"Confusion matrix (rows normalised{(allClasses.Length > k ? $", the {k} most frequent of {allClasses.Length} gold labels" : "")})\naccuracy {100 * report.Accuracy:0.00}%, macro-F1 {100 * report.MacroF1:0.00}%, n = {report.UtteranceCount:N0}"),
            16);

        float labelWidth = WidestLabel(plot.Axes.Left.TickLabelStyle, names);
        int left = (int)labelWidth + 50;
        int bottom = (int)labelWidth + 55;
        const int top = 70;
        const int right = 130;
        // Rotated tick labels are not measured by the automatic layout: size the axis panels explicitly so
        // the axis titles sit outside the labels, and fix the data area so cells stay square.
        plot.Axes.Bottom.MinimumSize = bottom;
        plot.Axes.Left.MinimumSize = left;
        plot.Layout.Fixed(new PixelPadding(left, right, bottom, top));
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(left + grid + right, top + grid + bottom, ImageFormat.Png));
    }

    /// <summary>A label as a tick label: <see cref="DialogueActsException.Excerpt"/> (control characters escaped, at most 40 characters); the reports keep labels whole.</summary>
    internal static string DisplayName(string label) => label.Length == 0 ? "(empty)" : DialogueActsException.Excerpt(label);

    /// <summary>Indices (into <see cref="ClassificationReport.Labels"/>) of the evaluated classes by gold count, descending; ties keep label order.</summary>
    private static int[] OrderByGoldFrequency(ClassificationReport report) =>
        Enumerable.Range(0, report.Labels.Count)
            .Where(i => report.PerClass.ContainsKey(report.Labels[i]))
            .OrderByDescending(i => report.ConfusionMatrix[i].Sum())
            .ToArray();

    /// <summary>Confusion counts in <paramref name="order"/>, each row divided by its gold count (rows without gold items stay 0).</summary>
    private static double[,] RowNormalised(ClassificationReport report, int[] order)
    {
        int k = order.Length;
        var values = new double[k, k];
        for (int r = 0; r < k; r++)
        {
            int support = report.ConfusionMatrix[order[r]].Sum();
            for (int c = 0; c < k; c++)
            {
                values[r, c] = support == 0 ? 0.0 : (double)report.Count(order[r], order[c]) / support;
            }
        }
        return values;
    }

    /// <summary>Writes each non-zero cell value (2 decimals) in the cell, dark on light cells and light on dark ones.</summary>
    private static void AnnotateCells(Plot plot, double[,] values, int cell)
    {
        int k = values.GetLength(0);
        float size = Math.Clamp(cell / 4f, 9, 18);
        for (int r = 0; r < k; r++)
        {
            for (int c = 0; c < k; c++)
            {
                double v = values[r, c];
                if (v <= 0)
                {
                    continue;
                }
                var text = plot.Add.Text(v.ToString("0.00", CultureInfo.InvariantCulture), c, k - 1 - r);
                text.LabelFontSize = size;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = v > 0.6 ? Colors.Black : Colors.White;
            }
        }
    }

    /// <summary>Pixel width of the widest label in the given style.</summary>
    private static float WidestLabel(LabelStyle style, string[] labels)
    {
        using var paint = Paint.NewDisposablePaint();
        float widest = 0;
        foreach (var label in labels)
        {
            widest = Math.Max(widest, style.Measure(label, paint).Width);
        }
        return widest;
    }

    /// <summary>An installed sans-serif family, or null to keep ScottPlot's default.</summary>
    internal static string? PickSansFont()
    {
        var installed = new HashSet<string>(SKFontManager.Default.FontFamilies, StringComparer.OrdinalIgnoreCase);
        return _preferredFonts.FirstOrDefault(installed.Contains);
    }
}
