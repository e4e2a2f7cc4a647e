namespace DialogueActs.Fuzz;

/// <summary>How one fuzz case ended.</summary>
public enum CaseOutcome
{
    /// <summary>The parser accepted the input (and, for a model, tagged a conversation with it).</summary>
    Accepted,

    /// <summary>The parser refused the input the documented way: a one-line <see cref="DialogueActsException"/> or an HTTP 4xx problem.</summary>
    Rejected,

    /// <summary>A defect: another exception type, a multi-line or overlong message, a message not naming the source, or an HTTP 5xx.</summary>
    Unhandled,

    /// <summary>A defect: the case did not finish within the per-case timeout.</summary>
    Hang,
}

/// <summary>The outcome of one case and, for failures and rejections, what was seen.</summary>
/// <param name="Outcome">How the case ended.</param>
/// <param name="Detail">The error message, HTTP detail or exception summary; empty when accepted.</param>
public sealed record CaseResult(CaseOutcome Outcome, string Detail)
{
    /// <summary>An accepted case.</summary>
    public static CaseResult Accepted { get; } = new(CaseOutcome.Accepted, "");

    /// <summary>True for <see cref="CaseOutcome.Unhandled"/> and <see cref="CaseOutcome.Hang"/>.</summary>
    public bool IsFailure => Outcome is CaseOutcome.Unhandled or CaseOutcome.Hang;
}
