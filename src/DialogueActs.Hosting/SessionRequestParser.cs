using System.Text.Json;
using DialogueActs.Data;

namespace DialogueActs.Hosting;

/// <summary>
/// Parses the requests of the streaming-session routes, with the messages of the tag requests' reader
/// (<see cref="ConversationJsonReader"/>): <c>POST /v1/sessions</c> takes an empty body or <c>{"lag": k}</c>;
/// <c>POST /v1/sessions/{id}/utterances</c> takes one utterance, <c>{"speaker": "A", "text": "..."}</c>, under the
/// rules of an utterance in a tag request. Malformed input throws <see cref="DialogueActsException"/> (400); text over
/// the limit throws <see cref="RequestRejectedException"/> (413).
/// </summary>
internal static class SessionRequestParser
{
    /// <summary>The one field of a request to start a session.</summary>
    private const string LagField = "lag";

    /// <summary>The lag asked for by the body of <c>POST /v1/sessions</c>: 0 when the body is empty or has no (or a null) <c>lag</c>.</summary>
    /// <exception cref="DialogueActsException">Malformed, with a field other than <c>lag</c>, or a lag that is not an integer from 0 to <see cref="DialogueActsOptions.MaxSessionLag"/>.</exception>
    public static int ParseStart(byte[] body, DialogueActsOptions options)
    {
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty) return 0;
        using var document = ConversationJsonReader.ParseDocument(body, TagRequestParser.SourceName);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new DialogueActsException($"expected a JSON object, got {JsonErrors.KindName(root.ValueKind)}");
        int lag = 0;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != LagField)
                throw new DialogueActsException($"unknown field '{DialogueActsException.Excerpt(property.Name)}' (a session takes only '{LagField}')");
            lag = Lag(property.Value, options.MaxSessionLag);
        }
        return lag;
    }

    /// <summary>The utterance in the body of <c>POST /v1/sessions/{id}/utterances</c>.</summary>
    /// <exception cref="RequestRejectedException">413: the text is over <see cref="DialogueActsOptions.MaxCharactersPerUtterance"/>.</exception>
    /// <exception cref="DialogueActsException">Malformed.</exception>
    public static Utterance ParseUtterance(byte[] body, DialogueActsOptions options) =>
        TagRequestParser.RefuseOverLimit(() => ConversationJsonReader.ReadUtterance(body, TagRequestParser.SourceName, options.ToConversationLimits()));

    /// <summary>The query parameter of <c>POST /v1/sessions/{id}/utterances</c> that names the index the utterance must get.</summary>
    public const string IndexParameter = "index";

    /// <summary>The index the request expects its utterance to get (<c>?index=N</c>), or null when it names none.</summary>
    /// <exception cref="DialogueActsException">The parameter is given more than once, or is not an integer of at least 0.</exception>
    public static int? ParseExpectedIndex(Microsoft.AspNetCore.Http.IQueryCollection query)
    {
        if (!query.TryGetValue(IndexParameter, out var values)) return null;
        if (values.Count != 1 || !int.TryParse(values[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index))
            throw new DialogueActsException($"query parameter '{IndexParameter}' must be one integer of at least 0, got '{DialogueActsException.Excerpt(values.ToString())}'");
        return index;
    }

    private static int Lag(JsonElement value, int max)
    {
        if (value.ValueKind == JsonValueKind.Null) return 0;
        if (value.ValueKind != JsonValueKind.Number)
            throw new DialogueActsException($"field '{LagField}' must be an integer, got {JsonErrors.KindName(value.ValueKind)}");
        if (!value.TryGetInt32(out int lag) || lag < 0 || lag > max)
            throw new DialogueActsException($"field '{LagField}' must be an integer from 0 to {max}, got {DialogueActsException.Excerpt(value.GetRawText())}");
        return lag;
    }
}
