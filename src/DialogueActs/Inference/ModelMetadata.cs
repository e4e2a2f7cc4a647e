namespace DialogueActs.Inference;

/// <summary>What a model archive records about how its model was trained.</summary>
public sealed record ModelMetadata
{
    /// <summary>Archive format version.</summary>
    public int FormatVersion { get; init; } = ModelArchive.FormatVersion;

    /// <summary>When the archive was written (UTC).</summary>
    public DateTimeOffset CreatedUtc { get; init; }

    /// <summary>Version of the DialogueActs library that wrote it.</summary>
    public string ToolVersion { get; init; } = "";

    /// <summary>SHA-256 of the training corpus file.</summary>
    public string CorpusSha256 { get; init; } = "";

    /// <summary>Epoch whose weights the archive holds (1-based).</summary>
    public int Epoch { get; init; }

    /// <summary>Epochs completed when the archive was written.</summary>
    public int EpochsCompleted { get; init; }

    /// <summary>Validation accuracy of these weights, when a validation split was given.</summary>
    public double? ValidAccuracy { get; init; }

    /// <summary>Validation macro-F1 of these weights, when a validation split was given.</summary>
    public double? ValidMacroF1 { get; init; }

    /// <summary>Training conversations and utterances.</summary>
    public int TrainConversations { get; init; }

    /// <summary>Training utterances.</summary>
    public int TrainUtterances { get; init; }
}
