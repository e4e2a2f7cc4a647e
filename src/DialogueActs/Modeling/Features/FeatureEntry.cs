using System.Text.Json;

namespace DialogueActs.Modeling;

/// <summary>One entry a feature keeps in the model archive, under <c>features/{feature}/{Name}</c> (<see cref="ModelFeature.ArchiveEntries"/>).</summary>
/// <param name="Name">The entry's name within the feature's folder, for example <c>encoder.json</c>.</param>
/// <param name="Content">The bytes to store.</param>
public sealed record FeatureEntry(string Name, byte[] Content)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>An entry holding <paramref name="value"/> as camelCase JSON.</summary>
    public static FeatureEntry OfJson<T>(string name, T value) => new(name, JsonSerializer.SerializeToUtf8Bytes(value, Json));

    /// <summary>Reads a JSON entry written by <see cref="OfJson"/>: strict, unknown keys refused.</summary>
    internal static T ReadJson<T>(byte[] content) => JsonSerializer.Deserialize<T>(content, Json) ?? throw new JsonException("the entry holds null");
}

/// <summary>Reads one feature's entries of a model archive (<see cref="ModelFeature.FromArchive"/>).</summary>
public sealed class FeatureEntryReader
{
    private readonly Func<string, byte[]?> _read;

    /// <summary>Creates a reader.</summary>
    /// <param name="archive">The archive's path, for error messages.</param>
    /// <param name="folder">The feature's folder in the archive, <c>features/{feature}/</c>.</param>
    /// <param name="read">Reads an entry by its full name; null when the archive has none.</param>
    public FeatureEntryReader(string archive, string folder, Func<string, byte[]?> read)
    {
        Archive = archive;
        Folder = folder;
        _read = read;
    }

    /// <summary>The archive's path.</summary>
    public string Archive { get; }

    /// <summary>The feature's folder inside the archive.</summary>
    public string Folder { get; }

    /// <summary>The bytes of entry <paramref name="name"/>.</summary>
    /// <exception cref="DialogueActsException">The archive has no such entry.</exception>
    public byte[] Read(string name) =>
        _read(Folder + name) ?? throw new DialogueActsException($"{Archive}: not a valid model file (no '{Folder}{name}' inside)");

    /// <summary>The JSON entry <paramref name="name"/> as a <typeparamref name="T"/> (strict: unknown keys are refused).</summary>
    /// <exception cref="DialogueActsException">The entry is missing or not valid JSON of that shape.</exception>
    public T ReadJson<T>(string name)
    {
        try
        {
            return FeatureEntry.ReadJson<T>(Read(name));
        }
        catch (JsonException ex)
        {
            throw new DialogueActsException($"{Archive}: {Folder}{name}: {Data.JsonErrors.Describe(ex)}", ex);
        }
    }

    /// <summary>An error about entry <paramref name="name"/>: <c>{archive}: {folder}{name}: {message}</c>.</summary>
    public DialogueActsException Error(string name, string message) => new($"{Archive}: {Folder}{name}: {message}");
}
