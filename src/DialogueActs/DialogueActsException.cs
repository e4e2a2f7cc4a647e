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

    /// <summary>The first line of a (possibly multi-line) low-level message, for one-line errors.</summary>
    public static string FirstLine(string message)
    {
        int end = message.IndexOfAny(new[] { '\r', '\n' });
        return end < 0 ? message : message[..end];
    }
}
