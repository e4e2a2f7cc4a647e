using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using DialogueActs.Modeling;
using DialogueActs.Text;
using TorchSharp;

namespace DialogueActs.Inference;

/// <summary>Everything a model archive holds.</summary>
/// <param name="Model">The model, in eval mode, with its sizes in <see cref="HierarchicalTagger.Options"/>.</param>
/// <param name="Encoder">Tokenizer and vocabulary.</param>
/// <param name="Labels">Labels in index order.</param>
/// <param name="Metadata">Training metadata.</param>
/// <param name="TrainingSettings">
/// The JSON of the settings the model was trained with, as the trainer wrote it (data columns and training options;
/// the model sizes are in <see cref="HierarchicalTagger.Options"/> only), or null when the archive has none.
/// </param>
public sealed record ModelArchiveContents(HierarchicalTagger Model, TextEncoder Encoder, LabelSet Labels, ModelMetadata Metadata, string? TrainingSettings);

/// <summary>
/// <c>model.zip</c>: one file holding everything needed to tag: format version, tokenizer settings, model
/// sizes, vocabulary, labels in index order, weights, training metadata and (optionally) the training
/// settings. Each is stored once. Writes are atomic (a temporary file, then a rename), so a killed process
/// never leaves a broken model.
/// </summary>
/// <remarks>
/// Format 1 (before version 0.2) stored the whole experiment config in <c>config.json</c>, model sizes
/// included, beside <c>model.json</c>; it is still read: the tokenizer settings come from its
/// <c>tokenizer</c> section, the sizes from <c>model.json</c>, and the config text becomes
/// <see cref="ModelArchiveContents.TrainingSettings"/>.
/// </remarks>
public static class ModelArchive
{
    /// <summary>The archive format this build writes and reads.</summary>
    public const int FormatVersion = 2;

    /// <summary>The oldest archive format this build reads.</summary>
    public const int OldestFormatVersion = 1;

    private const string FormatEntry = "format.json";
    private const string LegacyConfigEntry = "config.json";
    private const string TokenizerEntry = "tokenizer.json";
    private const string TrainingEntry = "training.json";
    private const string ModelEntry = "model.json";
    private const string VocabularyEntry = "vocabulary.json";
    private const string PretrainedVocabularyEntry = "pretrained-vocabulary.json";
    private const string LabelsEntry = "labels.json";
    private const string WeightsEntry = "weights.bin";
    private const string MetadataEntry = "metadata.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The library version recorded in archives.</summary>
    public static string ToolVersion =>
        typeof(ModelArchive).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Writes an archive atomically (<see cref="AtomicFile"/>).</summary>
    /// <exception cref="DialogueActsException">The file cannot be written; an earlier file at <paramref name="path"/> is kept.</exception>
    /// <param name="path">The archive to write.</param>
    /// <param name="model">The model; its sizes are stored from <see cref="HierarchicalTagger.Options"/>.</param>
    /// <param name="encoder">Tokenizer settings and vocabulary.</param>
    /// <param name="labels">Labels in index order.</param>
    /// <param name="metadata">Training metadata.</param>
    /// <param name="trainingSettings">JSON of the training settings to keep with the model, or null.</param>
    public static void Write(string path, HierarchicalTagger model, TextEncoder encoder, LabelSet labels, ModelMetadata metadata, string? trainingSettings = null)
    {
        AtomicFile.Write(path, file =>
        {
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            {
                WriteText(zip, FormatEntry, JsonSerializer.Serialize(new FormatInfo(FormatVersion), Json));
                WriteText(zip, TokenizerEntry, JsonSerializer.Serialize(encoder.Options, Json));
                WriteText(zip, ModelEntry, JsonSerializer.Serialize(model.Options, Json));
                using (var entry = zip.CreateEntry(VocabularyEntry, CompressionLevel.Optimal).Open()) encoder.Vocabulary.WriteTo(entry);
                if (encoder.PretrainedVocabulary is { } pretrained)
                    using (var entry = zip.CreateEntry(PretrainedVocabularyEntry, CompressionLevel.Optimal).Open()) pretrained.WriteTo(entry);
                WriteText(zip, LabelsEntry, JsonSerializer.Serialize(labels.Labels, Json));
                using (var entry = zip.CreateEntry(WeightsEntry, CompressionLevel.Fastest).Open())
                using (var writer = new BinaryWriter(entry))
                    model.save(writer);
                WriteText(zip, MetadataEntry, JsonSerializer.Serialize(metadata, Json));
                if (trainingSettings is not null) WriteText(zip, TrainingEntry, trainingSettings);
            }
        });
    }

    /// <summary>
    /// Reads only a model's sizes and features (<c>model.json</c>), without its weights: for example to learn which
    /// sentence encoder it needs (<see cref="ModelOptions.SentenceEncoder"/>) before loading it.
    /// </summary>
    /// <exception cref="DialogueActsException">A missing, corrupt or truncated file.</exception>
    public static ModelOptions ReadOptions(string path)
    {
        if (Directory.Exists(path)) throw new DialogueActsException($"{path}: is a directory, not a model file");
        if (!File.Exists(path)) throw new DialogueActsException($"{path}: file not found");
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return ReadJson<ModelOptions>(zip, path, ModelEntry);
        }
        catch (InvalidDataException ex)
        {
            throw new DialogueActsException($"{path}: not a valid model file (the zip archive is corrupt or truncated: {DialogueActsException.Brief(ex.Message)})", ex);
        }
    }

    /// <summary>Reads an archive and rebuilds the model in eval mode.</summary>
    /// <exception cref="DialogueActsException">A missing, corrupt, truncated or incompatible file.</exception>
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
            string? trainingSettings;
            TokenizerOptions tokenizer;
            if (format.FormatVersion == 1)
            {
                trainingSettings = ReadText(zip, path, LegacyConfigEntry);
                tokenizer = LegacyTokenizer(trainingSettings, path);
            }
            else
            {
                trainingSettings = zip.GetEntry(TrainingEntry) is null ? null : ReadText(zip, path, TrainingEntry);
                tokenizer = ReadJson<TokenizerOptions>(zip, path, TokenizerEntry);
            }
            var options = ReadJson<ModelOptions>(zip, path, ModelEntry);
            Vocabulary vocabulary;
            using (var stream = OpenEntry(zip, path, VocabularyEntry)) vocabulary = Vocabulary.ReadFrom(stream, $"{path}!{VocabularyEntry}");
            Vocabulary? pretrainedVocabulary = null;
            if (options.FrozenVectors)
            {
                using var stream = OpenEntry(zip, path, PretrainedVocabularyEntry);
                pretrainedVocabulary = Vocabulary.ReadFrom(stream, $"{path}!{PretrainedVocabularyEntry}");
                if (pretrainedVocabulary.Count != options.FrozenVectorWords)
                    throw new DialogueActsException($"{path}: {ModelEntry} says {options.FrozenVectorWords} frozen vectors, but {PretrainedVocabularyEntry} holds {pretrainedVocabulary.Count} words");
            }
            var labels = new LabelSet(ReadJson<string[]>(zip, path, LabelsEntry));
            var metadata = ReadJson<ModelMetadata>(zip, path, MetadataEntry);
            if (options.VocabularySize != vocabulary.Count || options.LabelCount != labels.Count)
                throw new DialogueActsException($"{path}: {ModelEntry} says {options.VocabularySize} words and {options.LabelCount} labels, but the archive holds {vocabulary.Count} words and {labels.Count} labels");

            using (var weights = new MemoryStream())
            {
                using (var stream = OpenEntry(zip, path, WeightsEntry)) stream.CopyTo(weights);
                CheckSizes(path, options, weights.Length);
                weights.Position = 0;
                var model = new HierarchicalTagger(options);
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
                return new ModelArchiveContents(model, new TextEncoder(tokenizer, vocabulary, pretrainedVocabulary), labels, metadata, trainingSettings);
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
    private static void CheckSizes(string path, ModelOptions options, long weightBytes)
    {
        foreach (var (name, value, _) in options.Sizes())
        {
            if (value > ModelOptions.MaxLayerSize)
                throw new DialogueActsException($"{path}: {ModelEntry}: {name} is {value}, over the limit of {ModelOptions.MaxLayerSize}");
        }
        // With every size at most 2^24 (and the vocabulary and label counts those of real arrays), the count cannot overflow.
        long parameters = ModelSummary.Total(options);
        long frozen = FeatureSet.From(options).WordFeatures.OfType<PretrainedVectorFeature>().Sum(f => f.StoredBytes);   // 8-bit values and scales
        if (parameters * sizeof(float) + frozen > weightBytes)
            throw new DialogueActsException($"{path}: {ModelEntry} describes {parameters} parameters ({parameters * sizeof(float) + frozen} bytes with the frozen vectors), but {WeightsEntry} holds only {weightBytes} bytes");
    }

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

    private sealed record FormatInfo(int FormatVersion);
}
