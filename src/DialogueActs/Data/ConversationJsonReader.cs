using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace DialogueActs.Data;

/// <summary>
/// The one reader of conversations in JSON, for the lines of a JSONL corpus and for the HTTP API's requests:
/// <c>{"id": "c1", "utterances": [{"speaker": "A", "text": "...", "label": "sd"}, ...]}</c>.
/// </summary>
/// <remarks>
/// <para>The rules, the same for every caller:</para>
/// <list type="bullet">
/// <item><c>utterances</c>: a non-empty array of objects, at most <see cref="ConversationLimits.MaxUtterancesPerConversation"/>.</item>
/// <item><c>text</c>: a string (possibly empty), required, at most <see cref="ConversationLimits.MaxCharactersPerUtterance"/> characters.</item>
/// <item><c>speaker</c>, <c>label</c>: optional strings; null or empty reads as none.</item>
/// <item><c>id</c>: when given, a string that is not blank. When absent (or null), a corpus line is refused
/// (<c>missing field 'id'</c>: a corpus's conversations must be told apart), while a request's conversation gets
/// its index in the request as its id (<c>"0"</c> for a single conversation).</item>
/// <item>Other properties are ignored; duplicate keys, and strings that are not text (a <c>\u</c> escape of an
/// unpaired UTF-16 surrogate), are refused.</item>
/// </list>
/// <para>Every refusal is a one-line <see cref="DialogueActsException"/> naming the field by its JSON path
/// (<c>field 'utterances[1].text' must be a string, got number</c>), after <c>{file}:{line}: </c> for a corpus
/// line; input over a limit is an <see cref="InputLimitException"/>.</para>
/// </remarks>
public static class ConversationJsonReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// Reads one conversation for tagging from a UTF-8 JSON document. Labels are ignored; a missing id becomes <c>"0"</c>.
    /// </summary>
    /// <param name="utf8Json">The document, e.g. the body of <c>POST /v1/tag</c>.</param>
    /// <param name="sourceName">What the document is, for messages about the whole of it (e.g. <c>request body</c>:
    /// <c>request body is not valid JSON at line 1, byte 17: ...</c>).</param>
    /// <param name="limits">Size limits.</param>
    /// <exception cref="InputLimitException">The conversation is over a limit.</exception>
    /// <exception cref="DialogueActsException">The document is empty, not UTF-8, not JSON or not a conversation.</exception>
    public static Conversation ReadConversation(ReadOnlyMemory<byte> utf8Json, string sourceName, ConversationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(limits);
        using JsonDocument document = ParseDocument(utf8Json, sourceName);
        return new ElementReader("", limits, idRequired: false, LabelRule.Ignored).Conversation(document.RootElement, "", index: 0);
    }

    /// <summary>
    /// Reads <c>{"conversations": [conversation, ...]}</c> for tagging from a UTF-8 JSON document: each
    /// conversation as in <see cref="ReadConversation"/>, a missing id becoming its index (<c>"0"</c>, <c>"1"</c>, ...).
    /// </summary>
    /// <param name="utf8Json">The document, e.g. the body of <c>POST /v1/tag/batch</c>.</param>
    /// <param name="sourceName">What the document is, for messages about the whole of it.</param>
    /// <param name="limits">Size limits of each conversation.</param>
    /// <param name="maxConversations">Most conversations accepted (at least 1).</param>
    /// <exception cref="InputLimitException">There are too many conversations, or one is over a limit.</exception>
    /// <exception cref="DialogueActsException">The document is empty, not UTF-8, not JSON or not of this shape.</exception>
    public static IReadOnlyList<Conversation> ReadConversations(ReadOnlyMemory<byte> utf8Json, string sourceName,
        ConversationLimits limits, int maxConversations)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConversations, 1);
        using JsonDocument document = ParseDocument(utf8Json, sourceName);
        var reader = new ElementReader("", limits, idRequired: false, LabelRule.Ignored);
        JsonElement list = reader.List(document.RootElement, "conversations", "a batch needs at least one conversation");
        int count = list.GetArrayLength();
        if (count > maxConversations)
            throw new InputLimitException($"field 'conversations' has {count} conversations, over the limit of {maxConversations}");
        var conversations = new Conversation[count];
        int i = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            conversations[i] = reader.Conversation(item, $"conversations[{i}]", i);
            i++;
        }
        return conversations;
    }

    /// <summary>
    /// Reads one line of a JSONL corpus: the id is required and labels are read (and required when
    /// <paramref name="requireLabels"/>). Messages start with <paramref name="location"/>, e.g. <c>c.jsonl:3</c>.
    /// </summary>
    internal static Conversation ReadCorpusLine(ReadOnlyMemory<char> line, string location, ConversationLimits limits, bool requireLabels)
    {
        using JsonDocument document = Parse(() => JsonDocument.Parse(line, DocumentOptions), $"{location}: invalid JSON", withLine: false, $"{location}: ");
        var reader = new ElementReader($"{location}: ", limits, idRequired: true, requireLabels ? LabelRule.Required : LabelRule.Optional);
        return reader.Conversation(document.RootElement, "", index: 0);
    }

    /// <summary>
    /// Reads one utterance for tagging, <c>{"speaker": "A", "text": "..."}</c>, from a UTF-8 JSON document, under the rules
    /// of an utterance in a conversation (fields named from the root: <c>missing field 'text'</c>). Labels are ignored.
    /// </summary>
    /// <param name="utf8Json">The document, e.g. the body of <c>POST /v1/sessions/{id}/utterances</c>.</param>
    /// <param name="sourceName">What the document is, for messages about the whole of it.</param>
    /// <param name="limits">Size limits; <see cref="ConversationLimits.MaxCharactersPerUtterance"/> applies.</param>
    /// <exception cref="InputLimitException">The text is over the limit.</exception>
    /// <exception cref="DialogueActsException">The document is empty, not UTF-8, not JSON or not an utterance.</exception>
    public static Utterance ReadUtterance(ReadOnlyMemory<byte> utf8Json, string sourceName, ConversationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(limits);
        using JsonDocument document = ParseDocument(utf8Json, sourceName);
        return new ElementReader("", limits, idRequired: false, LabelRule.Ignored).Utterance(document.RootElement, "");
    }

    /// <summary>
    /// Parses a UTF-8 JSON document under the rules of every request this reader reads, for a caller reading other
    /// shapes of request with the same messages: an empty document, invalid UTF-8, invalid JSON, duplicate keys and
    /// strings that are not text are refused with a one-line <see cref="DialogueActsException"/>
    /// (<c>request body is not valid JSON at line 1, byte 17: ...</c>). The caller disposes the document.
    /// </summary>
    /// <param name="utf8Json">The document.</param>
    /// <param name="sourceName">What the document is, for messages about the whole of it (e.g. <c>request body</c>).</param>
    /// <exception cref="DialogueActsException">The document is empty, not UTF-8 or not JSON, or has a duplicate key or a string that is not text.</exception>
    public static JsonDocument ParseDocument(ReadOnlyMemory<byte> utf8Json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        ReadOnlySpan<byte> bytes = utf8Json.Span;
        if (bytes.Trim(" \t\r\n"u8).IsEmpty)
            throw new DialogueActsException($"{sourceName} is empty (expected a JSON object)");
        // System.Text.Json checks structure but not the UTF-8 inside strings; GetString would throw later.
        if (!Utf8.IsValid(bytes))
            throw new DialogueActsException($"{sourceName} is not valid UTF-8 (invalid bytes at offset {InvalidUtf8Offset(bytes)})");
        return Parse(() => JsonDocument.Parse(utf8Json, DocumentOptions), $"{sourceName} is not valid JSON", withLine: true, "");
    }

    /// <summary>
    /// Parses with <paramref name="parse"/>, turning System.Text.Json's errors into messages starting with
    /// <paramref name="invalidJson"/>, and refuses a document with a string that is not text.
    /// </summary>
    private static JsonDocument Parse(Func<JsonDocument> parse, string invalidJson, bool withLine, string prefix)
    {
        JsonDocument document;
        try
        {
            document = parse();
        }
        catch (JsonException e)
        {
            throw new DialogueActsException($"{invalidJson}{JsonErrors.Position(e, withLine)}: {JsonErrors.Reason(e)}", e);
        }
        catch (InvalidOperationException e)
        {
            // The duplicate-key check unescapes every key and throws this for a "\ud800" escape in one.
            throw new DialogueActsException($"{invalidJson}: a key {JsonTextCheck.NotText}", e);
        }
        // A "\ud800" escape is valid JSON but not text: refuse it here, naming the field, rather than letting
        // GetString or TryGetProperty throw InvalidOperationException later.
        if (JsonTextCheck.FindInvalidText(document.RootElement) is { } notText)
        {
            document.Dispose();
            throw new DialogueActsException(prefix + notText);
        }
        return document;
    }

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence.</summary>
    private static int InvalidUtf8Offset(ReadOnlySpan<byte> bytes)
    {
        int offset = 0;
        while (offset < bytes.Length && Rune.DecodeFromUtf8(bytes[offset..], out _, out int consumed) == OperationStatus.Done)
            offset += consumed;
        return offset;
    }

    private enum LabelRule
    {
        Ignored,
        Optional,
        Required,
    }

    /// <summary>Reads conversation elements under one set of rules; messages start with a fixed prefix.</summary>
    private sealed class ElementReader(string prefix, ConversationLimits limits, bool idRequired, LabelRule labels)
    {
        /// <summary>
        /// The conversation at <paramref name="path"/> (empty for the document's root); <paramref name="index"/>
        /// is its place in its document, its id when it has none and ids are not required.
        /// </summary>
        public Conversation Conversation(JsonElement element, string path, int index)
        {
            string id = Id(element, path, index);
            JsonElement list = List(element, Child(path, "utterances"), "a conversation needs at least one utterance");
            int count = list.GetArrayLength();
            if (count > limits.MaxUtterancesPerConversation)
                throw TooLarge($"field '{Child(path, "utterances")}' has {count} utterances, over the limit of {limits.MaxUtterancesPerConversation}");
            var utterances = new Utterance[count];
            int i = 0;
            foreach (JsonElement item in list.EnumerateArray())
            {
                utterances[i] = Utterance(item, $"{Child(path, "utterances")}[{i}]");
                i++;
            }
            return new Conversation(id, utterances);
        }

        /// <summary>
        /// The non-empty array at <paramref name="listPath"/>, a property of the object <paramref name="element"/>
        /// (whose path is <paramref name="listPath"/> without its last name); <paramref name="why"/> explains why
        /// an empty one is refused.
        /// </summary>
        public JsonElement List(JsonElement element, string listPath, string why)
        {
            int dot = listPath.LastIndexOf('.');
            RequireObject(element, dot < 0 ? "" : listPath[..dot]);
            JsonElement list = Required(element, listPath[(dot + 1)..], listPath);
            if (list.ValueKind != JsonValueKind.Array)
                throw Error($"field '{listPath}' must be an array, got {JsonErrors.KindName(list.ValueKind)}");
            if (list.GetArrayLength() == 0)
                throw Error($"field '{listPath}' is empty ({why})");
            return list;
        }

        private string Id(JsonElement element, string path, int index)
        {
            RequireObject(element, path);
            string idPath = Child(path, "id");
            if (!element.TryGetProperty("id", out JsonElement value) || (value.ValueKind == JsonValueKind.Null && !idRequired))
            {
                if (idRequired)
                    throw Error($"missing field '{idPath}'");
                return index.ToString(CultureInfo.InvariantCulture);
            }
            string id = String(value, idPath);
            if (string.IsNullOrWhiteSpace(id))
                throw Error($"field '{idPath}' is empty");
            return id;
        }

        /// <summary>The utterance at <paramref name="path"/> (empty for the document's root).</summary>
        public Utterance Utterance(JsonElement item, string path)
        {
            RequireObject(item, path);
            string textPath = Child(path, "text"), labelPath = Child(path, "label");
            string text = String(Required(item, "text", textPath), textPath);
            if (text.Length > limits.MaxCharactersPerUtterance)
                throw TooLarge($"field '{textPath}' has {text.Length} characters, over the limit of {limits.MaxCharactersPerUtterance}");
            string? speaker = OptionalString(item, "speaker", Child(path, "speaker"));
            string? label = labels == LabelRule.Ignored ? null : OptionalString(item, "label", labelPath);
            if (labels == LabelRule.Required)
            {
                if (label is null)
                    throw Error($"missing field '{labelPath}' (labels are required)");
                if (label.Length == 0)
                    throw Error($"field '{labelPath}' is empty (labels are required)");
            }
            return new Utterance(NullIfEmpty(speaker), text, NullIfEmpty(label));
        }

        private void RequireObject(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.Object)
                return;
            throw Error(path.Length == 0
                ? $"expected a JSON object, got {JsonErrors.KindName(element.ValueKind)}"
                : $"field '{path}' must be an object, got {JsonErrors.KindName(element.ValueKind)}");
        }

        private JsonElement Required(JsonElement parent, string property, string path) =>
            parent.TryGetProperty(property, out JsonElement value) ? value : throw Error($"missing field '{path}'");

        private string String(JsonElement value, string path) => value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Error($"field '{path}' must be a string, got {JsonErrors.KindName(value.ValueKind)}");

        private string? OptionalString(JsonElement parent, string property, string path) =>
            !parent.TryGetProperty(property, out JsonElement value) || value.ValueKind == JsonValueKind.Null ? null : String(value, path);

        private DialogueActsException Error(string problem) => new(prefix + problem);

        private InputLimitException TooLarge(string problem) => new(prefix + problem);

        private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
