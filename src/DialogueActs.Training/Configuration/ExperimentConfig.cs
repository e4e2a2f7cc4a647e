using System.Text.Json;
using System.Text.Json.Nodes;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Text;

namespace DialogueActs.Training.Configuration;

/// <summary>
/// One experiment: data, tokenizer, model and training settings, read from a strict JSON file with
/// camelCase keys. Unknown keys, wrong types and out-of-range values are errors naming the file, the
/// JSON path and the line. Only <c>data</c> (with <c>data.train</c>) is required; missing sections and
/// keys take their defaults.
/// </summary>
public sealed record ExperimentConfig
{
    /// <summary>Environment variable naming the data directory when neither <c>--data-dir</c> nor <c>data.directory</c> gives one.</summary>
    public const string DataDirectoryVariable = "DIALOGUE_ACTS_DATA";

    /// <summary>Corpus files and columns (required).</summary>
    public required DataOptions Data { get; init; }

    /// <summary>Tokenizer and vocabulary settings.</summary>
    public TokenizerOptions Tokenizer { get; init; } = new();

    /// <summary>Model options (the vocabulary and label counts come from the training data: <see cref="ModelDimensions"/>).</summary>
    public ModelOptions Model { get; init; } = new();

    /// <summary>Training settings.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>
    /// Reads, validates and resolves the config file at <paramref name="path"/>: relative data paths
    /// (train, valid, test, glossary, tokenizer.glove) become absolute paths inside the data directory, which is
    /// <paramref name="dataDirOverride"/> when given, else <c>data.directory</c> relative to the config
    /// file's folder, else <see cref="DataDirectoryVariable"/>. With <c>data.testOptional</c>, a test
    /// file that does not exist becomes null; with <c>data.glossaryOptional</c>, a glossary file too.
    /// </summary>
    /// <param name="path">The config file; error messages name it as given.</param>
    /// <param name="dataDirOverride">The CLI's <c>--data-dir</c>, relative to the working directory, or null.</param>
    /// <exception cref="DialogueActsException">The file is missing or invalid, or a data path needs a data directory and there is none.</exception>
    public static ExperimentConfig Load(string path, string? dataDirOverride = null) => Load(path, dataDirOverride, []);

    /// <summary>
    /// Like <see cref="Load(string, string?)"/>, with values of the file replaced first: each override is
    /// <c>SECTION.KEY=JSON</c> (<c>training.epochs=1</c>, <c>tokenizer.glove=null</c>), checked like the file's own keys.
    /// </summary>
    /// <param name="path">The config file.</param>
    /// <param name="dataDirOverride">The CLI's <c>--data-dir</c>, or null.</param>
    /// <param name="overrides">The CLI's <c>--set</c> values, in order.</param>
    /// <exception cref="DialogueActsException">The file or an override is invalid, or a data path needs a data directory and there is none.</exception>
    public static ExperimentConfig Load(string path, string? dataDirOverride, IReadOnlyList<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DialogueActsException($"{path}: file not found");
        }
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DialogueActsException($"{path}: {ex.Message}", ex);
        }
        string baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return overrides.Count == 0
            ? Parse(json, path, dataDirOverride, baseDirectory)
            : Parse(ConfigOverrides.Apply(json, path, overrides), $"{path} with --set", dataDirOverride, baseDirectory);
    }

    /// <summary>
    /// Like <see cref="Load"/> for JSON text: <paramref name="displayName"/> names it in errors and
    /// <paramref name="baseDirectory"/> stands for the config file's folder.
    /// </summary>
    /// <exception cref="DialogueActsException">The JSON is invalid, or a data path needs a data directory and there is none.</exception>
    public static ExperimentConfig Parse(string json, string displayName, string? dataDirOverride, string baseDirectory) =>
        Parse(json, displayName, dataDirOverride, baseDirectory, Environment.GetEnvironmentVariable);

    /// <summary><see cref="Parse(string, string, string?, string)"/> with a replaceable environment (for tests).</summary>
    internal static ExperimentConfig Parse(string json, string displayName, string? dataDirOverride, string baseDirectory,
        Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(environment);
        ExperimentConfig config = FromJson(json, displayName);
        return DataPathResolver.Resolve(config, displayName, dataDirOverride, baseDirectory, environment);
    }

    /// <summary>
    /// Reads and validates JSON text without resolving any path: the inverse of <see cref="ToJson"/>
    /// (e.g. for the config stored in a model archive).
    /// </summary>
    /// <exception cref="DialogueActsException">The JSON is invalid; the message starts with <paramref name="displayName"/>.</exception>
    public static ExperimentConfig FromJson(string json, string displayName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(displayName);
        ConfigDocument document = ConfigDocument.Check(json, displayName, typeof(ExperimentConfig));
        ExperimentConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<ExperimentConfig>(json, ConfigJson.Options);
        }
        catch (JsonException ex)
        {
            throw document.SerializerError(ex);
        }
        if (config is null)
        {
            throw document.Error("$", "expected an object, got null");
        }
        ConfigValidator.Validate(config, document);
        return config;
    }

    /// <summary>The config as indented JSON, every key written; <see cref="FromJson"/> reads it back to an equal record.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ConfigJson.Options);

    /// <summary>
    /// The config as the trainer stores it in <c>model.zip</c> (<see cref="ModelArchiveContents.TrainingSettings"/>):
    /// every section but <c>model</c>, whose sizes the archive keeps once, in its own entry.
    /// </summary>
    public string ToTrainingSettingsJson() => WithoutModelSection(JsonNode.Parse(ToJson())!.AsObject());

    /// <summary>
    /// The settings a model was trained with, read back from its archive (its data columns and format serve
    /// <c>predict</c> and <c>evaluate</c>), or null when the archive holds none. The <see cref="Model"/> of the
    /// result is not the model's: its sizes are <see cref="Modeling.HierarchicalTagger.Options"/>.
    /// </summary>
    /// <param name="archive">The archive's contents.</param>
    /// <param name="path">The archive's path, for error messages.</param>
    /// <exception cref="DialogueActsException">The stored settings are invalid.</exception>
    public static ExperimentConfig? FromArchive(ModelArchiveContents archive, string path)
    {
        if (archive.TrainingSettings is not string json) return null;
        // A format-1 archive's config.json still has the model section; the sizes that count are the model's own,
        // and a size that the rules of a later version refuse must not make the model unusable.
        JsonObject? settings = null;
        try
        {
            settings = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            // FromJson reports it, with the path and line.
        }
        if (settings is not null) json = WithoutModelSection(settings);
        return FromJson(json, $"{path}!training settings");
    }

    /// <summary>Settings without their <c>model</c> section: an archive keeps the model's sizes once, in its own entry.</summary>
    private static string WithoutModelSection(JsonObject settings)
    {
        settings.Remove("model");
        return settings.ToJsonString(ConfigJson.Options);
    }
}
