namespace DialogueActs.Data;

/// <summary>
/// Input refused because it is over a size limit (<see cref="ConversationLimits"/>, or the number of
/// conversations in one request), rather than malformed. The one-line message names the file and line or the
/// JSON path, the size found and the limit, e.g. <c>field 'utterances' has 20001 utterances, over the limit of 20000</c>.
/// The HTTP API answers it with 413.
/// </summary>
public sealed class InputLimitException : DialogueActsException
{
    /// <summary>Creates the exception with a one-line, human-readable message.</summary>
    public InputLimitException(string message) : base(message) { }
}
