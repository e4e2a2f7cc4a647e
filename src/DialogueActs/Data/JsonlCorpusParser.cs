using System.Text.Json;

namespace DialogueActs.Data;

/// <summary>
/// Parses JSON-lines corpus text, one conversation per line:
/// <c>{"id": "...", "utterances": [{"speaker": "A", "text": "...", "label": "sd"}, ...]}</c>.
/// Blank lines are skipped; unknown properties are ignored. Every problem becomes a one-line
/// <see cref="DialogueActsException"/> naming the file, line and field.
/// </summary>
internal sealed class JsonlCorpusParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    private readonly string _name;
    private readonly bool _requireLabels;
    private int _line;

    private JsonlCorpusParser(string name, bool requireLabels)
    {
        _name = name;
        _requireLabels = requireLabels;
    }

    /// <summary>Parses <paramref name="text"/>, the whole content of the file called <paramref name="name"/>.</summary>
    public static IReadOnlyList<Conversation> Parse(string text, string name, bool requireLabels) =>
        new JsonlCorpusParser(name, requireLabels).Parse(text);

    private IReadOnlyList<Conversation> Parse(string text)
    {
        var conversations = new List<Conversation>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        int start = 0;
        _line = 0;
        while (start < text.Length)
        {
            _line++;
            int end = text.IndexOf('\n', start);
            if (end < 0)
                end = text.Length;
            ReadOnlyMemory<char> line = text.AsMemory(start, end - start);
            start = end + 1;
            if (line.Span.IsWhiteSpace())
                continue;

            Conversation conversation = ParseLine(line);
            if (!firstLineOfId.TryAdd(conversation.Id, _line))
                throw Error($"duplicate conversation id '{DialogueActsException.Excerpt(conversation.Id)}' (first on line {firstLineOfId[conversation.Id]})");
            conversations.Add(conversation);
        }
        if (conversations.Count == 0)
            throw new DialogueActsException($"{_name}: file is empty");
        return conversations;
    }

    private Conversation ParseLine(ReadOnlyMemory<char> line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new DialogueActsException($"{_name}:{_line}: invalid JSON{Position(e)}: {Reason(e)}", e);
        }
        catch (InvalidOperationException e)
        {
            // The duplicate-key check unescapes every key and throws this for a "\ud800" escape in one.
            throw new DialogueActsException($"{_name}:{_line}: invalid JSON: a key {JsonTextCheck.NotText}", e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Error($"expected a JSON object, got {KindName(root.ValueKind)}");
            if (JsonTextCheck.FindInvalidText(root) is { } notText)
                throw Error(notText);

            string id = RequiredString(root, "id", "id");
            if (string.IsNullOrWhiteSpace(id))
                throw Error("field 'id' is empty");

            JsonElement list = Required(root, "utterances", "utterances");
            if (list.ValueKind != JsonValueKind.Array)
                throw Error($"field 'utterances' must be an array, got {KindName(list.ValueKind)}");
            if (list.GetArrayLength() == 0)
                throw Error("field 'utterances' is empty (a conversation needs at least one utterance)");

            var utterances = new Utterance[list.GetArrayLength()];
            int i = 0;
            foreach (JsonElement item in list.EnumerateArray())
            {
                utterances[i] = ParseUtterance(item, $"utterances[{i}]");
                i++;
            }
            return new Conversation(id, utterances);
        }
    }

    private Utterance ParseUtterance(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
            throw Error($"field '{path}' must be an object, got {KindName(item.ValueKind)}");
        string text = RequiredString(item, "text", $"{path}.text");
        string? speaker = OptionalString(item, "speaker", $"{path}.speaker");
        string? label = OptionalString(item, "label", $"{path}.label");
        if (_requireLabels)
        {
            if (label is null)
                throw Error($"missing field '{path}.label' (labels are required)");
            if (label.Length == 0)
                throw Error($"field '{path}.label' is empty (labels are required)");
        }
        return new Utterance(NullIfEmpty(speaker), text, NullIfEmpty(label));
    }

    private JsonElement Required(JsonElement parent, string property, string path)
    {
        if (!parent.TryGetProperty(property, out JsonElement value))
            throw Error($"missing field '{path}'");
        return value;
    }

    private string RequiredString(JsonElement parent, string property, string path)
    {
        JsonElement value = Required(parent, property, path);
        if (value.ValueKind != JsonValueKind.String)
            throw Error($"field '{path}' must be a string, got {KindName(value.ValueKind)}");
        return value.GetString()!;
    }

    private string? OptionalString(JsonElement parent, string property, string path)
    {
        if (!parent.TryGetProperty(property, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw Error($"field '{path}' must be a string, got {KindName(value.ValueKind)}");
        return value.GetString();
    }

    private DialogueActsException Error(string problem) => new($"{_name}:{_line}: {problem}");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Position(JsonException e) =>
        e.BytePositionInLine is { } position ? $" at byte {position + 1}" : "";

    /// <summary>The exception's message without System.Text.Json's "LineNumber: ... | BytePositionInLine: ..." suffix.</summary>
    private static string Reason(JsonException e)
    {
        string message = e.Message.Split('\n', 2)[0];
        int suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
            message = message[..suffix];
        return DialogueActsException.Brief(message.Trim()).TrimEnd('.');
    }
}
