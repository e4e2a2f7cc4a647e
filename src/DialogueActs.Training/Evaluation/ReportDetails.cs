namespace DialogueActs.Training.Evaluation;

/// <summary>What <c>report.html</c> says beside the evaluation itself: where it comes from, when, and how training went.</summary>
public sealed record ReportDetails
{
    /// <summary>The model evaluated (its file), or null.</summary>
    public string? Model { get; init; }

    /// <summary>The data it was evaluated on (its file), or null.</summary>
    public string? Data { get; init; }

    /// <summary>When the evaluation was made; null for now.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The training epochs, for the validation curve (the lines of <c>metrics.jsonl</c>); empty for none.</summary>
    public IReadOnlyList<EpochMetrics> Epochs { get; init; } = [];
}
