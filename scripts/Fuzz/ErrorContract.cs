namespace DialogueActs.Fuzz;

/// <summary>
/// The project's contract for bad input: a <see cref="DialogueActsException"/> whose message is one
/// line, of bounded length, naming the source (file name or JSON path). Anything else is a defect.
/// </summary>
public static class ErrorContract
{
    /// <summary>Longest acceptable error message: long enough for a path and a reason, short enough for a terminal.</summary>
    public const int MaxMessageLength = 2000;

    /// <summary>Classifies an exception thrown by a file parser whose error messages must name <paramref name="sourceName"/>.</summary>
    public static CaseResult Classify(Exception exception, string sourceName)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }
        if (exception is not DialogueActsException)
        {
            return new CaseResult(CaseOutcome.Unhandled, $"{exception.GetType().FullName}: {Summary(exception.Message)}");
        }
        return CheckMessage(exception.Message, sourceName);
    }

    /// <summary>Checks a refusal message: one line, at most <see cref="MaxMessageLength"/> characters, naming <paramref name="sourceName"/> when given.</summary>
    public static CaseResult CheckMessage(string message, string? sourceName)
    {
        if (message.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return new CaseResult(CaseOutcome.Unhandled, $"multi-line message: {Summary(message)}");
        }
        if (message.Length > MaxMessageLength)
        {
            return new CaseResult(CaseOutcome.Unhandled, $"message of {message.Length} characters: {Summary(message)}");
        }
        if (message.Length == 0)
        {
            return new CaseResult(CaseOutcome.Unhandled, "empty message");
        }
        if (sourceName is not null && !message.StartsWith(sourceName, StringComparison.Ordinal))
        {
            return new CaseResult(CaseOutcome.Unhandled, $"message does not start with '{sourceName}': {Summary(message)}");
        }
        return new CaseResult(CaseOutcome.Rejected, message);
    }

    /// <summary>The first 200 characters of <paramref name="message"/> on one line, for tables and logs.</summary>
    public static string Summary(string message)
    {
        string oneLine = message.ReplaceLineEndings("\\n");
        return oneLine.Length <= 200 ? oneLine : oneLine[..200] + "...";
    }
}
