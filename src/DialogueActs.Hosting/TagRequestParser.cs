using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using DialogueActs.Data;
using Microsoft.AspNetCore.Http;

namespace DialogueActs.Hosting;

/// <summary>
/// Parses tag requests: one conversation shaped like a JSONL corpus line
/// (<c>{"id": "c1", "utterances": [{"speaker": "A", "text": "..."}]}</c>), or
/// <c>{"conversations": [...]}</c>. Unknown properties (such as <c>label</c>) are ignored. Malformed
/// input is refused with 400 and input over a limit with 413, each with a one-line detail naming the field.
/// </summary>
internal static class TagRequestParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Parses the body of <c>POST /v1/tag</c>.</summary>
    /// <exception cref="RequestRejectedException">400 or 413.</exception>
    public static Conversation ParseConversation(byte[] body, DialogueActsOptions limits)
    {
        using var document = ParseDocument(body);
        return ReadConversation(document.RootElement, "", defaultId: "0", limits);
    }

    /// <summary>Parses the body of <c>POST /v1/tag/batch</c>.</summary>
    /// <exception cref="RequestRejectedException">400 or 413.</exception>
    public static IReadOnlyList<Conversation> ParseBatch(byte[] body, DialogueActsOptions limits)
    {
        using var document = ParseDocument(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw Invalid($"expected a JSON object, got {KindName(root.ValueKind)}");
        var list = Required(root, "conversations", "conversations");
        if (list.ValueKind != JsonValueKind.Array) throw Invalid($"field 'conversations' must be an array, got {KindName(list.ValueKind)}");
        int count = list.GetArrayLength();
        if (count == 0) throw Invalid("field 'conversations' is empty (a batch needs at least one conversation)");
        if (count > limits.MaxConversationsPerBatch)
            throw TooLarge($"field 'conversations' has {count} conversations, over the limit of {limits.MaxConversationsPerBatch}");
        var conversations = new Conversation[count];
        int i = 0;
        foreach (var item in list.EnumerateArray())
        {
            conversations[i] = ReadConversation(item, $"conversations[{i}].", defaultId: i.ToString(System.Globalization.CultureInfo.InvariantCulture), limits);
            i++;
        }
        return conversations;
    }

    private static JsonDocument ParseDocument(byte[] body)
    {
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty) throw Invalid("request body is empty (expected a JSON object)");
        // System.Text.Json checks structure but not the UTF-8 inside strings; GetString would throw later.
        if (!Utf8.IsValid(body)) throw Invalid($"request body is not valid UTF-8 (invalid bytes at offset {InvalidUtf8Offset(body)})");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            string position = ex.LineNumber is long line && ex.BytePositionInLine is long column ? $" at line {line + 1}, byte {column + 1}" : "";
            throw Invalid($"request body is not valid JSON{position}: {Reason(ex)}");
        }
        catch (InvalidOperationException)
        {
            // The duplicate-key check unescapes every key and throws this for a "\ud800" escape in one.
            throw Invalid($"request body is not valid JSON: a key {JsonTextCheck.NotText}");
        }
        // A "\ud800" escape is valid JSON but not text: refuse it here, naming the field, rather than
        // letting GetString or TryGetProperty throw InvalidOperationException (a 500) later.
        if (JsonTextCheck.FindInvalidText(document.RootElement) is { } notText)
        {
            document.Dispose();
            throw Invalid(notText);
        }
        return document;
    }

    private static Conversation ReadConversation(JsonElement element, string prefix, string defaultId, DialogueActsOptions limits)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Invalid(prefix.Length == 0
                ? $"expected a JSON object, got {KindName(element.ValueKind)}"
                : $"field '{prefix.TrimEnd('.')}' must be an object, got {KindName(element.ValueKind)}");
        string id = OptionalString(element, "id", prefix + "id") ?? defaultId;

        var list = Required(element, "utterances", prefix + "utterances");
        if (list.ValueKind != JsonValueKind.Array) throw Invalid($"field '{prefix}utterances' must be an array, got {KindName(list.ValueKind)}");
        int count = list.GetArrayLength();
        if (count == 0) throw Invalid($"field '{prefix}utterances' is empty (a conversation needs at least one utterance)");
        if (count > limits.MaxUtterancesPerConversation)
            throw TooLarge($"field '{prefix}utterances' has {count} utterances, over the limit of {limits.MaxUtterancesPerConversation}");

        var utterances = new Utterance[count];
        int i = 0;
        foreach (var item in list.EnumerateArray())
        {
            string path = $"{prefix}utterances[{i}]";
            if (item.ValueKind != JsonValueKind.Object) throw Invalid($"field '{path}' must be an object, got {KindName(item.ValueKind)}");
            var textElement = Required(item, "text", $"{path}.text");
            if (textElement.ValueKind != JsonValueKind.String) throw Invalid($"field '{path}.text' must be a string, got {KindName(textElement.ValueKind)}");
            string text = textElement.GetString()!;
            if (text.Length > limits.MaxCharactersPerUtterance)
                throw TooLarge($"field '{path}.text' has {text.Length} characters, over the limit of {limits.MaxCharactersPerUtterance}");
            string? speaker = OptionalString(item, "speaker", $"{path}.speaker");
            utterances[i] = new Utterance(string.IsNullOrEmpty(speaker) ? null : speaker, text, null);
            i++;
        }
        return new Conversation(id, utterances);
    }

    private static JsonElement Required(JsonElement parent, string property, string path) =>
        parent.TryGetProperty(property, out var value) ? value : throw Invalid($"missing field '{path}'");

    private static string? OptionalString(JsonElement parent, string property, string path)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw Invalid($"field '{path}' must be a string, got {KindName(value.ValueKind)}");
        return value.GetString();
    }

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence.</summary>
    private static int InvalidUtf8Offset(ReadOnlySpan<byte> body)
    {
        int offset = 0;
        while (offset < body.Length && Rune.DecodeFromUtf8(body[offset..], out _, out int consumed) == OperationStatus.Done) offset += consumed;
        return offset;
    }

    private static RequestRejectedException Invalid(string detail) => new(StatusCodes.Status400BadRequest, detail);

    private static RequestRejectedException TooLarge(string detail) => new(StatusCodes.Status413PayloadTooLarge, detail);

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The exception's first line without System.Text.Json's "LineNumber: ... | BytePositionInLine: ..." suffix.</summary>
    private static string Reason(JsonException ex)
    {
        string message = ex.Message.Split('\n', 2)[0];
        int suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0) message = message[..suffix];
        return DialogueActsException.Brief(message.Trim()).TrimEnd('.');
    }
}
