using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace DialogueActs.LoadTest;

/// <summary>
/// Builds <c>POST /v1/tag</c> bodies of a fixed number of utterances from a corpus CSV, using the
/// column names stored in the model's <c>training.json</c> (<c>config.json</c> in format 1). The corpus's utterances, in conversation
/// and utterance order, are cut into consecutive windows (wrapping around when the corpus is short).
/// </summary>
internal static class CorpusConversations
{
    public static IReadOnlyList<byte[]> Build(string modelPath, string csvPath, int utterances, int count)
    {
        var ordered = ReadUtterances(modelPath, csvPath);
        var bodies = new List<byte[]>();
        for (int b = 0; b < count; b++)
        {
            var window = Enumerable.Range(0, utterances).Select(i => ordered[(b * utterances + i) % ordered.Length]);
            bodies.Add(Serialize($"load-{b}", window));
            if ((b + 1) * utterances >= ordered.Length) break;
        }
        return bodies;
    }

    /// <summary>The corpus's longest conversation, whole, as a <c>POST /v1/tag</c> body.</summary>
    public static (string Id, int Utterances, byte[] Body) Longest(string modelPath, string csvPath)
    {
        var longest = ReadUtterances(modelPath, csvPath).GroupBy(u => u.Conversation).MaxBy(g => g.Count())!;
        return (longest.Key, longest.Count(), Serialize(longest.Key, longest));
    }

    private static byte[] Serialize(string id, IEnumerable<(string Conversation, string? Speaker, string Text)> utterances) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            id,
            utterances = utterances.Select(u => new { speaker = u.Speaker, text = u.Text }),
        });

    /// <summary>Every utterance of the corpus, in conversation and utterance order.</summary>
    internal static (string Conversation, string? Speaker, string Text)[] ReadUtterances(string modelPath, string csvPath)
    {
        var columns = Columns(modelPath);
        var rows = ReadCsv(File.ReadAllText(csvPath));
        if (rows.Count < 2) throw new InvalidOperationException($"{csvPath}: no rows");
        var header = rows[0];
        int Index(string? name) => name is null ? -1 : header.IndexOf(name);
        int conversation = Index(columns.Conversation), order = Index(columns.Order), speaker = Index(columns.Speaker), text = Index(columns.Text);
        if (text < 0 || conversation < 0) throw new InvalidOperationException($"{csvPath}: needs the columns '{columns.Conversation}' and '{columns.Text}'");

        return rows.Skip(1).Where(r => r.Count == header.Count)
            .Select((r, i) => (Row: r, File: i))
            .GroupBy(r => r.Row[conversation])
            .SelectMany(g => g.OrderBy(r => order >= 0 && int.TryParse(r.Row[order], out int o) ? o : r.File))
            .Select(r => (Conversation: r.Row[conversation], Speaker: speaker >= 0 ? (string?)r.Row[speaker] : null, Text: r.Row[text]))
            .ToArray();
    }

    private static (string Conversation, string? Order, string? Speaker, string Text) Columns(string modelPath)
    {
        using var zip = ZipFile.OpenRead(modelPath);
        // Format 2 archives keep the training config, with its column mapping, in training.json; format 1 in config.json.
        using var stream = (zip.GetEntry("training.json") ?? zip.GetEntry("config.json")
            ?? throw new InvalidOperationException($"{modelPath}: no training.json or config.json")).Open();
        using var config = JsonDocument.Parse(stream);
        var c = config.RootElement.GetProperty("data").GetProperty("columns");
        string? Get(string name) => c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return (Get("conversation") ?? "conversation_id", Get("order"), Get("speaker"), Get("text") ?? "text");
    }

    /// <summary>RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines.</summary>
    private static List<List<string>> ReadCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (ch == '\n' || ch == '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString()); field.Clear();
                rows.Add(row); row = new List<string>();
            }
            else field.Append(ch);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
