namespace DialogueActs.Training;

/// <summary>The trainer's bookkeeping, saved after every epoch so <c>--resume</c> can continue.</summary>
internal sealed record TrainingState
{
    public int EpochsCompleted { get; init; }
    public int BestEpoch { get; init; }
    public double? BestValidAccuracy { get; init; }
    public int EpochsWithoutImprovement { get; init; }
    public double ElapsedSeconds { get; init; }
    public double? LearningRate { get; init; }
    public string ConfigSha256 { get; init; } = "";
    public string CorpusSha256 { get; init; } = "";
    public bool Finished { get; init; }
    public string? StopReason { get; init; }
}
