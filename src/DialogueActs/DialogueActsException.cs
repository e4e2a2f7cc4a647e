namespace DialogueActs;

/// <summary>
/// An error caused by user input (a file, a config, a model archive or a request). Its
/// <see cref="Exception.Message"/> is one line meant for people: it names the file, line, field or
/// JSON path at fault. The CLI and HTTP boundaries print this message and never a stack trace.
/// </summary>
public class DialogueActsException : Exception
{
    /// <summary>Creates the exception with a one-line, human-readable message.</summary>
    public DialogueActsException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and the low-level cause.</summary>
    public DialogueActsException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Longest excerpt of an input value that <see cref="Excerpt"/> puts in a message.</summary>
    public const int MaxExcerptLength = 40;

    /// <summary>
    /// A value from the input as it may appear inside a one-line message: line breaks and other control
    /// characters escaped (<c>\n</c>, <c>\u0000</c>), and at most <see cref="MaxExcerptLength"/> characters
    /// followed by <c>...</c>, so a megabyte field or a multi-line cell cannot flood or split the message.
    /// </summary>
    public static string Excerpt(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new System.Text.StringBuilder(Math.Min(value.Length, MaxExcerptLength) + 8);
        foreach (char c in value)
        {
            if (text.Length >= MaxExcerptLength || (char.IsHighSurrogate(c) && text.Length >= MaxExcerptLength - 1))
            {
                return text.Append("...").ToString();
            }
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return text.ToString();
    }

    /// <summary>Longest low-level reason that <see cref="Brief"/> keeps.</summary>
    public const int MaxBriefLength = 200;

    /// <summary>
    /// A low-level message (a JSON or CSV library's) cut to its first line and to at most
    /// <see cref="MaxBriefLength"/> characters: such messages may quote the offending input, which can be
    /// a megabyte long.
    /// </summary>
    public static string Brief(string message)
    {
        string line = FirstLine(message);
        return line.Length <= MaxBriefLength ? line : line[..MaxBriefLength] + "...";
    }

    /// <summary>The first line of a (possibly multi-line) low-level message, for one-line errors.</summary>
    public static string FirstLine(string message)
    {
        int end = message.IndexOfAny(new[] { '\r', '\n' });
        return end < 0 ? message : message[..end];
    }
}
