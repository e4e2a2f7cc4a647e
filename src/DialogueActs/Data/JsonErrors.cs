using System.Text.Json;

namespace DialogueActs.Data;

/// <summary>
/// Turns System.Text.Json's <see cref="JsonException"/> messages into parts of our one-line messages. Every
/// reader of JSON input (JSONL corpora, HTTP requests, configs, model archives) uses these, so one bad input
/// reads the same wherever it is found.
/// </summary>
/// <remarks>
/// Positions are System.Text.Json's: it counts lines at <c>\n</c> only, where <see cref="LineIndex"/> also
/// counts <c>\r\n</c> and a lone <c>\r</c>; the two agree unless the text has a lone <c>\r</c>.
/// </remarks>
public static class JsonErrors
{
    // System.Text.Json appends these to its messages: the position (given separately, as the exception's
    // properties) and advice about reader options the user cannot change.
    private static readonly string[] Suffixes = [" Path:", " LineNumber:", " Change the reader options"];

    /// <summary>
    /// The reason of <paramref name="exception"/> on one line: its first line without the position suffix
    /// (<c>Path: ... | LineNumber: ... | BytePositionInLine: ...</c>) or the reader-options advice, cut to
    /// <see cref="DialogueActsException.MaxBriefLength"/> characters, without a final period.
    /// </summary>
    public static string Reason(JsonException exception)
    {
        string message = DialogueActsException.FirstLine(exception.Message);
        foreach (string suffix in Suffixes)
        {
            int cut = message.IndexOf(suffix, StringComparison.Ordinal);
            if (cut >= 0)
                message = message[..cut];
        }
        return DialogueActsException.Brief(message.Trim()).TrimEnd('.');
    }

    /// <summary>
    /// Where the error is, for a message: <c> at line 2, byte 17</c> (or <c> at byte 17</c> without
    /// <paramref name="withLine"/>, for a document that is one line of a file), empty when unknown. Both are 1-based.
    /// </summary>
    public static string Position(JsonException exception, bool withLine)
    {
        if (exception.BytePositionInLine is not long column)
            return "";
        if (!withLine)
            return $" at byte {column + 1}";
        return exception.LineNumber is long line ? $" at line {line + 1}, byte {column + 1}" : "";
    }

    /// <summary><c> (line 3)</c>, the 1-based line of the error, or empty when unknown.</summary>
    public static string LineSuffix(JsonException exception) =>
        exception.LineNumber is long line ? $" (line {line + 1})" : "";

    /// <summary>
    /// An error of the serializer as <c>{path}: {reason} (line {n})</c>, e.g.
    /// <c>$.training.epochs: The JSON value could not be converted to System.Int32 (line 4)</c>; the path is
    /// <c>$</c> when unknown and is cut like a reason.
    /// </summary>
    public static string Describe(JsonException exception)
    {
        string path = string.IsNullOrEmpty(exception.Path) ? "$" : DialogueActsException.Brief(exception.Path);
        return $"{path}: {Reason(exception)}{LineSuffix(exception)}";
    }

    /// <summary>
    /// How messages name the kind of a JSON value that is not the kind wanted: <c>field 'text' must be a string, got number</c>
    /// (<c>object</c>, <c>array</c>, <c>string</c>, <c>number</c>, <c>boolean</c>, <c>null</c>).
    /// </summary>
    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
