using System.Text.Json;
using System.Text.Json.Nodes;
using DialogueActs.Modeling;

namespace DialogueActs.Inference;

/// <summary>
/// Maps the <c>model.json</c> of a format-1 or 2 archive onto this format: it held the vocabulary and label counts
/// (now read from their entries, and checked against them), the sentence encoder's exact id and vector size (now the
/// sentence feature's own entry) and options later removed (<see cref="RemovedOptions"/>: refused when the model used one).
/// </summary>
internal static class LegacyModelEntry
{
    private const string SentenceEntry = "features/" + SentenceVectorFeature.FeatureName + "/encoder.json";

    /// <summary>The model's options, and the feature entries its old fields stand for.</summary>
    /// <param name="json">The old <c>model.json</c>.</param>
    /// <param name="source">The archive and entry, for error messages (<c>path: model.json</c>).</param>
    /// <param name="dimensions">The counts of the archive's vocabulary and labels.</param>
    /// <param name="options">How to read the rest as <see cref="ModelOptions"/>.</param>
    /// <exception cref="DialogueActsException">Invalid JSON, counts that differ from the entries, or a removed option the model used.</exception>
    public static (ModelOptions Options, Dictionary<string, byte[]> FeatureEntries) Read(string json, string source, ModelDimensions dimensions, JsonSerializerOptions options)
    {
        JsonObject model;
        try
        {
            model = JsonNode.Parse(json) as JsonObject ?? throw new DialogueActsException($"{source}: expected an object");
        }
        catch (JsonException ex)
        {
            throw new DialogueActsException($"{source}: {Data.JsonErrors.Describe(ex)}", ex);
        }
        int? words = Take<int>(model, "vocabularySize", source), labels = Take<int>(model, "labelCount", source);
        if ((words ?? dimensions.VocabularySize) != dimensions.VocabularySize || (labels ?? dimensions.LabelCount) != dimensions.LabelCount)
            throw new DialogueActsException($"{source} says {words} words and {labels} labels, but the archive holds {dimensions.VocabularySize} words and {dimensions.LabelCount} labels");
        foreach (var (key, reason) in RemovedOptions.ModelKeys.Where(o => o.Key.StartsWith("frozen", StringComparison.Ordinal)))
        {
            var value = model[key];
            model.Remove(key);
            if (value is JsonValue v && (v.TryGetValue(out bool on) ? on : v.TryGetValue(out int size) && size != 0))
                throw new DialogueActsException($"{source}: the model uses {key}, an option this version removed ({reason}); retrain it without {key}");
        }
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        int dimension = Take<int>(model, "sentenceDim", source) ?? 0;
        if (model["sentenceEncoder"] is JsonValue encoder && encoder.TryGetValue(out string? id) && !string.IsNullOrWhiteSpace(id))
            entries[SentenceEntry] = JsonSerializer.SerializeToUtf8Bytes(new { id, dimension }, options);
        try
        {
            return (model.Deserialize<ModelOptions>(options) ?? throw new DialogueActsException($"{source}: is empty"), entries);
        }
        catch (JsonException ex)
        {
            throw new DialogueActsException($"{source}: {Data.JsonErrors.Describe(ex)}", ex);
        }
    }

    /// <summary>Removes <paramref name="key"/> from <paramref name="model"/> and returns its value; null when absent.</summary>
    private static T? Take<T>(JsonObject model, string key, string source) where T : struct
    {
        var node = model[key];
        model.Remove(key);
        if (node is null) return null;
        try
        {
            return node.GetValue<T>();
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            throw new DialogueActsException($"{source}: {key}: expected a number, got {node.ToJsonString()}", ex);
        }
    }
}
