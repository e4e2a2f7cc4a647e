using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DialogueActs.Training.Evaluation;

/// <summary>
/// Renders <c>report.html</c>: one self-contained page (its style, script and data inline; no network) with the summary, a
/// sortable per-class table, the confusion matrix as a heat map whose cells list their misclassified utterances in context,
/// the reliability diagram when the report has calibration bins, and the validation curve when training made one. The data
/// is report.json, the lines of errors.jsonl and <see cref="ReportDetails"/>, embedded as JSON.
/// </summary>
internal static class ReportHtml
{
    private const string StyleMarker = "/*STYLE*/", ScriptMarker = "/*SCRIPT*/", DataMarker = "/*DATA*/";

    // The default encoder escapes '<', '>', '&' and quotes, so no text of the data can close the script element holding it.
    private static readonly JsonSerializerOptions DataJson = new() { Encoder = JavaScriptEncoder.Default };

    private static readonly Lazy<string> Template = new(() =>
    {
        string script = Resource("report.js"), style = Resource("report.css");
        if (script.Contains(DataMarker, StringComparison.Ordinal) || style.Contains(DataMarker, StringComparison.Ordinal))
            throw new InvalidOperationException("report.html's script or style holds the data marker");
        return Resource("report.html").Replace(StyleMarker, style, StringComparison.Ordinal).Replace(ScriptMarker, script, StringComparison.Ordinal);
    });

    /// <summary>The page of <paramref name="report"/>.</summary>
    public static string Render(ClassificationReport report, ReportDetails details)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(details);
        var data = new JsonObject
        {
            ["report"] = JsonNode.Parse(ReportJson.Serialize(report)),
            ["errors"] = Errors(report),
            ["details"] = new JsonObject
            {
                ["model"] = details.Model,
                ["data"] = details.Data,
                ["created"] = (details.Created ?? DateTimeOffset.UtcNow).ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            },
            ["epochs"] = JsonSerializer.SerializeToNode(details.Epochs),
        };
        // Data goes in last, so that no marker in a text of the data is ever replaced.
        return Template.Value.Replace(DataMarker, data.ToJsonString(DataJson), StringComparison.Ordinal);
    }

    /// <summary>The misclassified utterances, as the objects of errors.jsonl.</summary>
    private static JsonArray Errors(ClassificationReport report)
    {
        using var lines = new MemoryStream();
        ErrorsJsonl.WriteLines(report, lines);
        var errors = new JsonArray();
        foreach (string line in Encoding.UTF8.GetString(lines.GetBuffer(), 0, (int)lines.Length).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            errors.Add(JsonNode.Parse(line));
        return errors;
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"DialogueActs.Training.Evaluation.Html.{name}")
            ?? throw new InvalidOperationException($"report.html's resource '{name}' is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
