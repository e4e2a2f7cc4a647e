using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using DialogueActs.Data;
using DialogueActs.Modeling;
using DialogueActs.Text;
using TorchSharp;

namespace DialogueActs.Inference;

/// <summary>Everything a model archive holds.</summary>
/// <param name="Model">The model, in eval mode, with its options, dimensions and features.</param>
/// <param name="Encoder">Tokenizer and vocabulary.</param>
/// <param name="Labels">Labels in index order.</param>
/// <param name="Metadata">Training metadata.</param>
/// <param name="Input">The corpus layout the model was trained on (CSV columns, file format).</param>
/// <param name="TrainingSettings">
/// The JSON of the settings the model was trained with, as the trainer wrote it (data and training options; the model
/// options are in <see cref="HierarchicalTagger.Options"/> only), or null when the archive has none.
/// </param>
public sealed record ModelArchiveContents(HierarchicalTagger Model, TextEncoder Encoder, LabelSet Labels, ModelMetadata Metadata,
    CorpusInput Input, string? TrainingSettings)
{
    /// <summary>The names of the labels (<see cref="LabelGlossary.Empty"/> when the archive has none).</summary>
    public LabelGlossary Glossary { get; init; } = LabelGlossary.Empty;

    /// <summary>
    /// The temperature of the model's confidences (<see cref="TemperatureScaling"/>): 1 (the CRF's own marginals) when the
    /// archive has no calibration.
    /// </summary>
    public double Temperature { get; init; } = TemperatureScaling.Identity;
}

/// <summary>
/// <c>model.zip</c>: one file holding everything needed to tag: format version, tokenizer settings, model options,
/// vocabulary, labels in index order, weights, each feature's own entries (<c>features/{name}/</c>), the corpus layout,
/// training metadata and (optionally) the training settings, the label names (<see cref="LabelGlossary"/>) and the
/// temperature of the confidences (<see cref="TemperatureScaling"/>). Each is stored once; the vocabulary and label counts follow
/// from their entries. Writes are atomic (a temporary file, then a rename), so a killed process never leaves a broken model.
/// </summary>
/// <remarks>
/// Formats 1 and 2 are still read (<see cref="LegacyModelEntry"/> maps their <c>model.json</c> onto this format): format 1
/// stored the whole experiment config in <c>config.json</c>; format 2 kept the vocabulary and label counts and the
/// sentence encoder's id and size in <c>model.json</c>. A model that uses a removed option (<see cref="RemovedOptions"/>)
/// is refused with one line that names it.
/// </remarks>
public static class ModelArchive
{
    /// <summary>The archive format this build writes.</summary>
    public const int FormatVersion = 3;

    /// <summary>The oldest archive format this build reads.</summary>
    public const int OldestFormatVersion = 1;

    private const string FormatEntry = "format.json";
    private const string LegacyConfigEntry = "config.json";
    private const string TokenizerEntry = "tokenizer.json";
    private const string TrainingEntry = "training.json";
    private const string ModelEntry = "model.json";
    private const string InputEntry = "input.json";
    private const string VocabularyEntry = "vocabulary.json";
    private const string LabelsEntry = "labels.json";
    private const string WeightsEntry = "weights.bin";
    private const string MetadataEntry = "metadata.json";
    private const string GlossaryEntry = "glossary.json";
    private const string CalibrationEntry = "calibration.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>The library version recorded in archives.</summary>
    public static string ToolVersion =>
        typeof(ModelArchive).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Writes an archive atomically (<see cref="AtomicFile"/>).</summary>
    /// <exception cref="DialogueActsException">The file cannot be written; an earlier file at <paramref name="path"/> is kept.</exception>
    /// <param name="path">The archive to write.</param>
    /// <param name="model">The model; its options and each feature's entries are stored with it.</param>
    /// <param name="encoder">Tokenizer settings and vocabulary.</param>
    /// <param name="labels">Labels in index order.</param>
    /// <param name="metadata">Training metadata.</param>
    /// <param name="input">The corpus layout of the training data, or null for <see cref="CorpusInput.Default"/>.</param>
    /// <param name="trainingSettings">JSON of the training settings to keep with the model, or null.</param>
    /// <param name="glossary">The names of the labels, or null for none.</param>
    /// <param name="temperature">The temperature of the confidences (<see cref="TemperatureScaling"/>); 1 stores none.</param>
    public static void Write(string path, HierarchicalTagger model, TextEncoder encoder, LabelSet labels, ModelMetadata metadata,
        CorpusInput? input = null, string? trainingSettings = null, LabelGlossary? glossary = null, double temperature = TemperatureScaling.Identity)
    {
        TemperatureScaling.Check(temperature, nameof(temperature));
        if (model.Dimensions.VocabularySize != encoder.Vocabulary.Count || model.Dimensions.LabelCount != labels.Count)
            throw new ArgumentException($"The model has {model.Dimensions.VocabularySize} words and {model.Dimensions.LabelCount} labels, but the vocabulary {encoder.Vocabulary.Count} and the labels {labels.Count}.");
        var featureEntries = model.Features.ArchiveEntries().ToArray();
        AtomicFile.Write(path, file =>
        {
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            {
                WriteText(zip, FormatEntry, JsonSerializer.Serialize(new FormatInfo(FormatVersion), Json));
                WriteText(zip, TokenizerEntry, JsonSerializer.Serialize(encoder.Options, Json));
                WriteText(zip, ModelEntry, JsonSerializer.Serialize(model.Options, Json));
                WriteText(zip, InputEntry, JsonSerializer.Serialize(input ?? CorpusInput.Default, Json));
                using (var entry = zip.CreateEntry(VocabularyEntry, CompressionLevel.Optimal).Open()) encoder.Vocabulary.WriteTo(entry);
                WriteText(zip, LabelsEntry, JsonSerializer.Serialize(labels.Labels, Json));
                foreach (var (name, content) in featureEntries)
                    using (var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open()) entry.Write(content);
                using (var entry = zip.CreateEntry(WeightsEntry, CompressionLevel.Fastest).Open())
                using (var writer = new BinaryWriter(entry))
                    model.save(writer);
                WriteText(zip, MetadataEntry, JsonSerializer.Serialize(metadata, Json));
                if (trainingSettings is not null) WriteText(zip, TrainingEntry, trainingSettings);
                if (glossary is { IsEmpty: false }) WriteText(zip, GlossaryEntry, glossary.ToJson());
                if (temperature != TemperatureScaling.Identity)
                    WriteText(zip, CalibrationEntry, JsonSerializer.Serialize(new CalibrationInfo(temperature), Json));
            }
        });
    }

    /// <summary>Writes everything <paramref name="contents"/> holds (as read by <see cref="Read"/>, perhaps changed) atomically to <paramref name="path"/>.</summary>
    /// <exception cref="DialogueActsException">The file cannot be written; an earlier file at <paramref name="path"/> is kept.</exception>
    public static void Write(string path, ModelArchiveContents contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        Write(path, contents.Model, contents.Encoder, contents.Labels, contents.Metadata, contents.Input, contents.TrainingSettings,
            contents.Glossary, contents.Temperature);
    }

    /// <summary>Reads an archive and rebuilds the model in eval mode.</summary>
    /// <exception cref="DialogueActsException">A missing, corrupt, truncated or incompatible file, or a model that uses a removed option.</exception>
    public static ModelArchiveContents Read(string path)
    {
        if (Directory.Exists(path)) throw new DialogueActsException($"{path}: is a directory, not a model file");
        if (!File.Exists(path)) throw new DialogueActsException($"{path}: file not found");
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var format = ReadJson<FormatInfo>(zip, path, FormatEntry);
            if (format.FormatVersion is < OldestFormatVersion or > FormatVersion)
                throw new DialogueActsException($"{path}: model format version {format.FormatVersion} is not supported " +
                                                $"(this build reads versions {OldestFormatVersion} to {FormatVersion}; a newer DialogueActs wrote it)");
            string? trainingSettings = format.FormatVersion == 1 ? ReadText(zip, path, LegacyConfigEntry)
                : zip.GetEntry(TrainingEntry) is null ? null : ReadText(zip, path, TrainingEntry);
            var tokenizer = format.FormatVersion == 1 ? LegacyTokenizer(trainingSettings!, path) : ReadJson<TokenizerOptions>(zip, path, TokenizerEntry);
            Vocabulary vocabulary;
            using (var stream = OpenEntry(zip, path, VocabularyEntry)) vocabulary = Vocabulary.ReadFrom(stream, $"{path}!{VocabularyEntry}");
            var labels = new LabelSet(ReadJson<string[]>(zip, path, LabelsEntry));
            var metadata = ReadJson<ModelMetadata>(zip, path, MetadataEntry);
            var dimensions = new ModelDimensions(vocabulary.Count, labels.Count);
            ModelOptions options;
            CorpusInput input;
            Dictionary<string, byte[]> legacyEntries = new(StringComparer.Ordinal);
            if (format.FormatVersion < 3)
            {
                var legacy = LegacyModelEntry.Read(ReadText(zip, path, ModelEntry), $"{path}: {ModelEntry}", dimensions, Json);
                options = legacy.Options;
                legacyEntries = legacy.FeatureEntries;
                input = LegacyInput(trainingSettings);
            }
            else
            {
                options = ReadJson<ModelOptions>(zip, path, ModelEntry);
                input = ReadJson<CorpusInput>(zip, path, InputEntry);
            }
            var glossary = zip.GetEntry(GlossaryEntry) is null ? LabelGlossary.Empty
                : LabelGlossary.FromJson(ReadText(zip, path, GlossaryEntry), $"{path}: {GlossaryEntry}");
            double temperature = zip.GetEntry(CalibrationEntry) is null ? TemperatureScaling.Identity
                : ReadTemperature(ReadJson<CalibrationInfo>(zip, path, CalibrationEntry), path);
            var features = FeatureSet.From(options, dimensions)
                .FromArchive(path, name => legacyEntries.TryGetValue(name, out var bytes) ? bytes : ReadBytes(zip, name));

            using (var weights = new MemoryStream())
            {
                using (var stream = OpenEntry(zip, path, WeightsEntry)) stream.CopyTo(weights);
                CheckSizes(path, options, dimensions, features, weights.Length);
                weights.Position = 0;
                var model = new HierarchicalTagger(options, dimensions, features);
                using var reader = new BinaryReader(weights);
                try
                {
                    model.load(reader, strict: true);
                }
                catch (Exception ex) when (ex is not DialogueActsException)
                {
                    model.Dispose();
                    throw new DialogueActsException($"{path}: {WeightsEntry}: the weights do not fit the model ({DialogueActsException.Brief(ex.Message)})", ex);
                }
                model.eval();
                return new ModelArchiveContents(model, new TextEncoder(tokenizer, vocabulary), labels, metadata, input, trainingSettings)
                {
                    Glossary = glossary,
                    Temperature = temperature,
                };
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DialogueActsException($"{path}: not a valid model file (the zip archive is corrupt or truncated: {DialogueActsException.Brief(ex.Message)})", ex);
        }
        catch (ArgumentException ex)
        {
            throw new DialogueActsException($"{path}: not a valid model file ({DialogueActsException.Brief(ex.Message)})", ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new DialogueActsException($"{path}: not a valid model file (an entry is truncated)", ex);
        }
    }

    /// <summary>
    /// Refuses model sizes that the weights cannot hold, before any tensor is allocated: libtorch would
    /// otherwise try to allocate whatever a corrupt model.json asks for (an out-of-memory error, or the
    /// process killed). Every size (<see cref="ModelOptions.Sizes"/>, each feature's included) must be at most
    /// <see cref="ModelOptions.MaxLayerSize"/>, and the parameters the sizes imply, 4 bytes each, must fit in the weights entry.
    /// </summary>
    private static void CheckSizes(string path, ModelOptions options, ModelDimensions dimensions, FeatureSet features, long weightBytes)
    {
        foreach (var (name, value, _) in options.Sizes())
        {
            if (value > ModelOptions.MaxLayerSize)
                throw new DialogueActsException($"{path}: {ModelEntry}: {name} is {value}, over the limit of {ModelOptions.MaxLayerSize}");
        }
        // With every size at most 2^24 (and the vocabulary and label counts those of real arrays), the count cannot overflow.
        long core = ModelSummary.Total(options, dimensions, features) - features.ParameterCount;                    // the LSTMs, the output layer
        long bytes = core * sizeof(float) + features.StoredBytes;                                                // each feature counts its own
        if (bytes > weightBytes)
            throw new DialogueActsException($"{path}: {ModelEntry} describes {bytes} bytes of weights, but {WeightsEntry} holds only {weightBytes} bytes");
    }

    /// <summary>The corpus layout of a format-1 or 2 archive, from the <c>data</c> section of its training settings (the defaults without one).</summary>
    private static CorpusInput LegacyInput(string? trainingSettings)
    {
        if (trainingSettings is null) return CorpusInput.Default;
        try
        {
            using var document = JsonDocument.Parse(trainingSettings);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("data", out var data)) return CorpusInput.Default;
            var columns = data.TryGetProperty("columns", out var c) ? c.Deserialize<ColumnMapping>(LenientJson) ?? new ColumnMapping() : new ColumnMapping();
            var format = data.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String
                ? f.GetString() switch { "csv" => CorpusFormat.Csv, "jsonl" => CorpusFormat.Jsonl, _ => CorpusFormat.Auto } : CorpusFormat.Auto;
            return new CorpusInput(columns, format);
        }
        catch (JsonException)
        {
            return CorpusInput.Default;                                                                 // the settings are kept as text; the layout falls back to the defaults
        }
    }

    private static readonly JsonSerializerOptions LenientJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The <c>tokenizer</c> section of a format-1 archive's <c>config.json</c> (defaults when it has none).</summary>
    private static TokenizerOptions LegacyTokenizer(string configJson, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(configJson);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("tokenizer", out var section)
                ? section.Deserialize<TokenizerOptions>(Json) ?? new TokenizerOptions()
                : new TokenizerOptions();
        }
        catch (JsonException ex)
        {
            throw new DialogueActsException($"{path}: {LegacyConfigEntry}: {Data.JsonErrors.Describe(ex)}", ex);
        }
    }

    private static void WriteText(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open());
        writer.Write(text);
    }

    private static byte[]? ReadBytes(ZipArchive zip, string name)
    {
        if (zip.GetEntry(name) is not { } entry) return null;
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static Stream OpenEntry(ZipArchive zip, string path, string name) =>
        (zip.GetEntry(name) ?? throw new DialogueActsException($"{path}: not a valid model file (no '{name}' inside)")).Open();

    private static string ReadText(ZipArchive zip, string path, string name)
    {
        using var reader = new StreamReader(OpenEntry(zip, path, name));
        return reader.ReadToEnd();
    }

    private static T ReadJson<T>(ZipArchive zip, string path, string name)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(ReadText(zip, path, name), Json)
                ?? throw new DialogueActsException($"{path}: {name}: is empty");
        }
        catch (JsonException ex)
        {
            throw new DialogueActsException($"{path}: {name}: {Data.JsonErrors.Describe(ex)}", ex);
        }
    }

    /// <summary>The temperature of a <c>calibration.json</c>, refused outside the range a model may have (<see cref="TemperatureScaling.IsValid"/>).</summary>
    private static double ReadTemperature(CalibrationInfo calibration, string path) =>
        TemperatureScaling.IsValid(calibration.Temperature)
            ? calibration.Temperature
            : throw new DialogueActsException(FormattableString.Invariant(
                $"{path}: {CalibrationEntry}: $.temperature: must be between {TemperatureScaling.MinTemperature} and {TemperatureScaling.MaxTemperature}, got {calibration.Temperature}"));

    private sealed record FormatInfo(int FormatVersion);

    /// <summary><c>calibration.json</c>: the temperature the confidences are computed at (<see cref="TemperatureScaling"/>).</summary>
    private sealed record CalibrationInfo(double Temperature);
}
