namespace DialogueActs;

/// <summary>
/// Options that earlier versions had and this one removed because they gave no measured accuracy gain. A config that
/// sets one, or a model archive whose model uses one, is refused with one line that names it.
/// </summary>
public static class RemovedOptions
{
    /// <summary>Removed keys of a config's <c>model</c> section, and why.</summary>
    public static IReadOnlyDictionary<string, string> ModelKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["frozenVectors"] = "the frozen table of pretrained vectors gave no measured accuracy gain",
        ["frozenVectorWords"] = "the frozen table of pretrained vectors gave no measured accuracy gain",
        ["frozenVectorDim"] = "the frozen table of pretrained vectors gave no measured accuracy gain",
        ["vocabularySize"] = "the training data sets it",
        ["labelCount"] = "the training data sets it",
        ["sentenceDim"] = "the sentence encoder sets it",
    };

    /// <summary>Removed keys of a config's <c>training</c> section, and why.</summary>
    public static IReadOnlyDictionary<string, string> TrainingKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["weightAveraging"] = "averaging the weights gave no measured accuracy gain",
        ["wordDropout"] = "word dropout gave no measured accuracy gain",
    };

    /// <summary>Why <paramref name="key"/> of config section <paramref name="section"/> was removed, or null when it was not.</summary>
    public static string? Reason(string section, string key) => section switch
    {
        "model" => ModelKeys.GetValueOrDefault(key),
        "training" => TrainingKeys.GetValueOrDefault(key),
        _ => null,
    };

    /// <summary>The error text for a removed key: <c>was removed in this version ({reason}); delete it</c>.</summary>
    public static string Describe(string reason) => $"was removed in this version ({reason}); delete it";
}
