using System.Text.Json.Serialization;

namespace DialogueActs.Training;

/// <summary>One line of <c>metrics.jsonl</c>: what an epoch did.</summary>
public sealed record EpochMetrics
{
    /// <summary>Epoch number, from 1.</summary>
    [JsonPropertyName("epoch")] public int Epoch { get; init; }

    /// <summary>Mean training loss (negative log-likelihood per utterance).</summary>
    [JsonPropertyName("loss")] public double Loss { get; init; }

    /// <summary>Validation accuracy, or null without a validation split.</summary>
    [JsonPropertyName("valid_accuracy")] public double? ValidAccuracy { get; init; }

    /// <summary>Validation macro-F1, or null without a validation split.</summary>
    [JsonPropertyName("valid_macro_f1")] public double? ValidMacroF1 { get; init; }

    /// <summary>Wall time of the epoch's training, in seconds.</summary>
    [JsonPropertyName("seconds")] public double Seconds { get; init; }

    /// <summary>Wall time of the validation pass, in seconds.</summary>
    [JsonPropertyName("valid_seconds")] public double ValidSeconds { get; init; }

    /// <summary>Training throughput.</summary>
    [JsonPropertyName("utterances_per_s")] public double UtterancesPerSecond { get; init; }

    /// <summary>Training utterances seen in this epoch.</summary>
    [JsonPropertyName("utterances")] public int Utterances { get; init; }

    /// <summary>Whether this epoch gave the best model so far (and was saved).</summary>
    [JsonPropertyName("best")] public bool Best { get; init; }

    /// <summary>Resident memory of the process at the end of the epoch, in MiB (0 where /proc is unavailable).</summary>
    [JsonPropertyName("rss_mib")] public double RssMib { get; init; }

    /// <summary>Peak resident memory of the process so far, in MiB.</summary>
    [JsonPropertyName("peak_rss_mib")] public double PeakRssMib { get; init; }

    /// <summary>Whether the epoch was cut short by <c>training.maxMinutes</c>.</summary>
    [JsonPropertyName("partial")] public bool Partial { get; init; }
}
