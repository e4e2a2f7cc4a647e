using System.Text.Encodings.Web;
using System.Text.Json;
using DialogueActs.Data;

namespace DialogueActs.Inference;

/// <summary>
/// Writes tagged conversations as JSONL, one conversation per line:
/// <c>{"id": "...", "utterances": [{"speaker": "A", "text": "...", "label": "sd", "confidence": 0.93, "top": [{"label": "sd", "probability": 0.93}, ...]}]}</c>.
/// With a glossary, each label it names gets its <c>"name"</c> beside it (<c>"label": "sd", "name": "Statement-non-opinion"</c>);
/// a label without a name, or any label of a model without a glossary, has none.
/// </summary>
public static class PredictionWriter
{
    /// <summary>Decimals kept of a probability (<c>confidence</c>, <c>probability</c>) in the JSON written; the HTTP API's answers keep as many.</summary>
    public const int ProbabilityDecimals = 6;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one JSONL line per conversation.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="conversations">The conversations.</param>
    /// <param name="tagged">Their tags, in the same order.</param>
    /// <param name="glossary">The names of the labels (<see cref="IDialogueActTagger.Glossary"/>), or null for none.</param>
    public static void Write(Stream output, IReadOnlyList<Conversation> conversations, IReadOnlyList<TaggedConversation> tagged,
        LabelGlossary? glossary = null)
    {
        if (conversations.Count != tagged.Count) throw new ArgumentException("Each conversation needs its tags.", nameof(tagged));
        for (int c = 0; c < conversations.Count; c++)
        {
            using (var json = new Utf8JsonWriter(output, Options))
            {
                json.WriteStartObject();
                json.WriteString("id", conversations[c].Id);
                json.WriteStartArray("utterances");
                for (int i = 0; i < conversations[c].Utterances.Count; i++)
                {
                    var u = conversations[c].Utterances[i];
                    var t = tagged[c].Utterances[i];
                    json.WriteStartObject();
                    if (u.Speaker is not null) json.WriteString("speaker", u.Speaker);
                    json.WriteString("text", u.Text);
                    WriteLabel(json, t.Label, glossary);
                    json.WriteNumber("confidence", Math.Round(t.Confidence, ProbabilityDecimals));
                    json.WriteStartArray("top");
                    foreach (var s in t.Top)
                    {
                        json.WriteStartObject();
                        WriteLabel(json, s.Label, glossary);
                        json.WriteNumber("probability", Math.Round(s.Probability, ProbabilityDecimals));
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            output.WriteByte((byte)'\n');
        }
    }

    /// <summary>Writes <c>"label"</c>, and <c>"name"</c> when <paramref name="glossary"/> names the label: the one rule of every JSON answer.</summary>
    public static void WriteLabel(Utf8JsonWriter json, string label, LabelGlossary? glossary)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteString("label", label);
        if (glossary?.NameOf(label) is { } name) json.WriteString("name", name);
    }
}
