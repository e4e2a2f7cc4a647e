using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DialogueActs.Training.Evaluation;

/// <summary>
/// Writes <c>errors.jsonl</c>: one JSON object per misclassified utterance (<see cref="ClassificationReport.Errors"/>), in
/// corpus order: <c>{"conversation_id", "index", "speaker", "text", "before": [{"speaker", "text", "gold"}], "gold",
/// "predicted", "confidence"}</c>; <c>speaker</c> is null when the corpus has none.
/// </summary>
public static class ErrorsJsonl
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the errors of <paramref name="report"/> to <paramref name="path"/> atomically (an empty file when there are none).</summary>
    /// <exception cref="DialogueActsException">The file cannot be written.</exception>
    public static void Write(ClassificationReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        AtomicFile.Write(path, stream => WriteLines(report, stream));
    }

    /// <summary>Writes the lines of <c>errors.jsonl</c> to <paramref name="stream"/> (report.html embeds them too).</summary>
    internal static void WriteLines(ClassificationReport report, Stream stream)
    {
        var line = new MemoryStream();
        foreach (var error in report.Errors)
        {
            line.SetLength(0);
            using (var json = new Utf8JsonWriter(line, Options))
            {
                json.WriteStartObject();
                json.WriteString("conversation_id", error.ConversationId);
                json.WriteNumber("index", error.Index);
                json.WriteString("speaker", error.Speaker);
                json.WriteString("text", error.Text);
                json.WriteStartArray("before");
                foreach (var before in error.Before)
                {
                    json.WriteStartObject();
                    json.WriteString("speaker", before.Speaker);
                    json.WriteString("text", before.Text);
                    json.WriteString("gold", before.Label);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteString("gold", error.Gold);
                json.WriteString("predicted", error.Predicted);
                json.WriteNumber("confidence", Math.Round(error.Confidence, 6));
                json.WriteEndObject();
            }
            line.WriteByte((byte)'\n');
            line.Position = 0;
            line.CopyTo(stream);
        }
    }
}
