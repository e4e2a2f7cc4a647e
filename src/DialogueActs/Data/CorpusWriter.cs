using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace DialogueActs.Data;

/// <summary>
/// Writes conversations as a corpus file that <see cref="CorpusReader"/> reads back unchanged
/// (null speakers and labels are written as empty cells / omitted properties).
/// </summary>
public static class CorpusWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="conversations"/> to <paramref name="path"/> as UTF-8 without a byte-order mark.</summary>
    /// <param name="path">File to create or overwrite.</param>
    /// <param name="conversations">Conversations to write, in order.</param>
    /// <param name="columns">CSV column names (ignored for JSON lines).</param>
    /// <param name="format">File format; <see cref="CorpusFormat.Auto"/> picks it from the extension of <paramref name="path"/>.</param>
    /// <exception cref="DialogueActsException">The extension is unknown or the mapping names a column twice.</exception>
    public static void Write(string path, IEnumerable<Conversation> conversations, ColumnMapping columns,
        CorpusFormat format = CorpusFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(path);
        CorpusFormat resolved = CorpusFormatDetector.Resolve(path, format);
        using var writer = new StreamWriter(path, append: false, Utf8NoBom);
        if (resolved == CorpusFormat.Csv)
            WriteCsv(writer, conversations, columns);
        else
            WriteJsonl(writer, conversations);
    }

    /// <summary>
    /// Writes CSV: a header with the mapped columns (conversation, order, speaker, label, text; null
    /// columns left out) and one row per utterance, numbering utterances from 0 in the order column.
    /// </summary>
    /// <param name="writer">Destination (flushed, not disposed).</param>
    /// <param name="conversations">Conversations to write, in order.</param>
    /// <param name="columns">Column names.</param>
    /// <exception cref="DialogueActsException">The mapping names a column twice.</exception>
    public static void WriteCsv(TextWriter writer, IEnumerable<Conversation> conversations, ColumnMapping columns)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(columns);
        string?[] header = [columns.Conversation, columns.Order, columns.Speaker, columns.Label, columns.Text];
        string[] used = header.OfType<string>().ToArray();
        string? repeated = used.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null)
            throw new DialogueActsException($"column mapping names column '{repeated}' more than once");

        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using var csv = new CsvWriter(writer, config, leaveOpen: true);
        foreach (string column in used)
            csv.WriteField(column);
        csv.NextRecord();
        foreach (Conversation conversation in conversations)
        {
            for (int i = 0; i < conversation.Utterances.Count; i++)
            {
                Utterance utterance = conversation.Utterances[i];
                csv.WriteField(conversation.Id);
                if (columns.Order is not null)
                    csv.WriteField(i.ToString(CultureInfo.InvariantCulture));
                if (columns.Speaker is not null)
                    csv.WriteField(utterance.Speaker ?? "");
                if (columns.Label is not null)
                    csv.WriteField(utterance.Label ?? "");
                csv.WriteField(utterance.Text);
                csv.NextRecord();
            }
        }
        csv.Flush();
    }

    /// <summary>
    /// Writes JSON lines, one conversation per line:
    /// <c>{"id":"...","utterances":[{"speaker":"A","text":"...","label":"sd"}]}</c>; null speakers
    /// and labels are omitted.
    /// </summary>
    /// <param name="writer">Destination (flushed, not disposed).</param>
    /// <param name="conversations">Conversations to write, in order.</param>
    public static void WriteJsonl(TextWriter writer, IEnumerable<Conversation> conversations)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(conversations);
        var buffer = new MemoryStream();
        foreach (Conversation conversation in conversations)
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer, JsonOptions))
            {
                json.WriteStartObject();
                json.WriteString("id", conversation.Id);
                json.WriteStartArray("utterances");
                foreach (Utterance utterance in conversation.Utterances)
                {
                    json.WriteStartObject();
                    if (utterance.Speaker is not null)
                        json.WriteString("speaker", utterance.Speaker);
                    json.WriteString("text", utterance.Text);
                    if (utterance.Label is not null)
                        json.WriteString("label", utterance.Label);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            writer.Write('\n');
        }
        writer.Flush();
    }
}
