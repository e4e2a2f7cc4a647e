using System.Text.Encodings.Web;
using System.Text.Json;
using DialogueActs.Inference;

namespace DialogueActs.Hosting;

/// <summary>
/// Writes the answers of the streaming-session routes, probabilities rounded as <see cref="PredictionWriter"/> rounds them:
/// <c>{"id": "...", "lag": 2}</c>, <c>{"index": 0, "label": "qy", "confidence": 0.91, "top": [...], "revised": [...]}</c>
/// and <c>{"revised": [{"index": 3, "label": "sd", "confidence": 0.8}]}</c>. With the model's glossary, a named label has
/// its <c>"name"</c> beside it, as in <see cref="PredictionWriter"/>'s lines.
/// </summary>
internal static class SessionResponseWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The answer of <c>POST /v1/sessions</c>.</summary>
    public static byte[] Started(string id, int lag) => Write(json =>
    {
        json.WriteString("id", id);
        json.WriteNumber("lag", lag);
    });

    /// <summary>The answer of <c>POST /v1/sessions/{id}/utterances</c>.</summary>
    public static byte[] Tagged(SessionTag tag, LabelGlossary? glossary = null) => Write(json =>
    {
        json.WriteNumber("index", tag.Index);
        PredictionWriter.WriteLabel(json, tag.Label, glossary);
        json.WriteNumber("confidence", Round(tag.Confidence));
        json.WriteStartArray("top");
        foreach (var score in tag.Top)
        {
            json.WriteStartObject();
            PredictionWriter.WriteLabel(json, score.Label, glossary);
            json.WriteNumber("probability", Round(score.Probability));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        Revised(json, tag.Revised, glossary);
    });

    /// <summary>The answer of <c>POST /v1/sessions/{id}/end</c>.</summary>
    public static byte[] Ended(IReadOnlyList<RevisedTag> revised, LabelGlossary? glossary = null) => Write(json => Revised(json, revised, glossary));

    private static void Revised(Utf8JsonWriter json, IReadOnlyList<RevisedTag> revised, LabelGlossary? glossary)
    {
        json.WriteStartArray("revised");
        foreach (var tag in revised)
        {
            json.WriteStartObject();
            json.WriteNumber("index", tag.Index);
            PredictionWriter.WriteLabel(json, tag.Label, glossary);
            json.WriteNumber("confidence", Round(tag.Confidence));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static double Round(double probability) => Math.Round(probability, PredictionWriter.ProbabilityDecimals);

    private static byte[] Write(Action<Utf8JsonWriter> properties)
    {
        using var output = new MemoryStream();
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            properties(json);
            json.WriteEndObject();
        }
        return output.ToArray();
    }
}
