using System.Text.Json;

namespace DialogueActs.Text;

/// <summary>
/// Token ↔ id mapping built from training tokens. Ids 0, 1 and 2 are reserved for
/// <see cref="PadToken"/>, <see cref="UnknownToken"/> and <see cref="EmptyToken"/>; the rest are the
/// training tokens, most frequent first (ties in ordinal order). Immutable and thread-safe.
/// </summary>
public sealed class Vocabulary
{
    /// <summary>Id of the padding token.</summary>
    public const int PadId = 0;

    /// <summary>Id of the unknown-token token.</summary>
    public const int UnknownId = 1;

    /// <summary>Id of the token standing for an utterance without tokens.</summary>
    public const int EmptyId = 2;

    /// <summary>Number of reserved ids (0, 1, 2).</summary>
    public const int ReservedCount = 3;

    /// <summary>The padding token.</summary>
    public const string PadToken = "<pad>";

    /// <summary>The unknown token.</summary>
    public const string UnknownToken = "<unk>";

    /// <summary>The token of an utterance without tokens.</summary>
    public const string EmptyToken = "<empty>";

    private const string FormatName = "dialogue-acts-vocabulary";
    private const int FormatVersion = 1;

    private readonly string[] _tokens;
    private readonly long[] _counts;
    private readonly Dictionary<string, int> _ids;

    private Vocabulary(string[] tokens, long[] counts, long trainingTokenCount)
    {
        _tokens = tokens;
        _counts = counts;
        TrainingTokenCount = trainingTokenCount;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < tokens.Length; i++)
        {
            _ids[tokens[i]] = i;
        }
    }

    /// <summary>Number of ids, the reserved ones included.</summary>
    public int Count => _tokens.Length;

    /// <summary>All tokens, indexed by id.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>Number of token occurrences in the training texts, out-of-vocabulary ones included.</summary>
    public long TrainingTokenCount { get; }

    /// <summary>
    /// Builds a vocabulary from the training tokens: tokens seen at least <paramref name="minCount"/>
    /// times, most frequent first (ties in ordinal order), at most <paramref name="maxSize"/> ids in total.
    /// Tokens equal to a reserved token are not added.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCount"/> &lt; 1 or <paramref name="maxSize"/> &lt; 4.</exception>
    public static Vocabulary Build(IEnumerable<string> trainingTokens, int minCount, int maxSize)
    {
        ArgumentNullException.ThrowIfNull(trainingTokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, ReservedCount + 1);
        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        foreach (string token in trainingTokens)
        {
            total++;
            frequencies[token] = frequencies.GetValueOrDefault(token) + 1;
        }
        var kept = frequencies
            .Where(pair => pair.Value >= minCount && !IsReserved(pair.Key))
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(maxSize - ReservedCount)
            .ToList();
        var tokens = new string[ReservedCount + kept.Count];
        var counts = new long[tokens.Length];
        tokens[PadId] = PadToken;
        tokens[UnknownId] = UnknownToken;
        tokens[EmptyId] = EmptyToken;
        for (int i = 0; i < kept.Count; i++)
        {
            tokens[ReservedCount + i] = kept[i].Key;
            counts[ReservedCount + i] = kept[i].Value;
        }
        return new Vocabulary(tokens, counts, total);
    }

    /// <summary>
    /// A vocabulary of given words in their order (for example a pretrained vectors file's): the reserved ids, then
    /// each word once (the first of duplicates; reserved tokens are skipped), with no training counts.
    /// </summary>
    public static Vocabulary FromWords(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var tokens = new List<string> { PadToken, UnknownToken, EmptyToken };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string word in words)
            if (!IsReserved(word) && seen.Add(word)) tokens.Add(word);
        return new Vocabulary(tokens.ToArray(), new long[tokens.Count], 0);
    }

    /// <summary>The id of <paramref name="token"/>, or <see cref="UnknownId"/> when it is not in the vocabulary.</summary>
    public int IdOf(string token) => _ids.TryGetValue(token, out int id) ? id : UnknownId;

    /// <summary>True when <paramref name="token"/> has an id of its own.</summary>
    public bool Contains(string token) => _ids.ContainsKey(token);

    /// <summary>The token of <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is not in [0, <see cref="Count"/>).</exception>
    public string TokenAt(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, Count);
        return _tokens[id];
    }

    /// <summary>How often the token of <paramref name="id"/> occurred in the training texts (0 for reserved ids).</summary>
    public long OccurrencesOf(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, Count);
        return _counts[id];
    }

    /// <summary>
    /// Writes the vocabulary as UTF-8 JSON: <c>{"format", "version", "trainingTokenCount", "tokens": [...], "counts": [...]}</c>.
    /// The stream is left open.
    /// </summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", FormatVersion);
        writer.WriteNumber("trainingTokenCount", TrainingTokenCount);
        writer.WriteStartArray("tokens");
        foreach (string token in _tokens)
        {
            writer.WriteStringValue(token);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("counts");
        foreach (long count in _counts)
        {
            writer.WriteNumberValue(count);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Reads a vocabulary written by <see cref="WriteTo"/>.</summary>
    /// <param name="stream">The stream to read; left open.</param>
    /// <param name="displayName">Name of the source in error messages, e.g. <c>model.zip:vocabulary.json</c>.</param>
    /// <exception cref="DialogueActsException">The content is not a valid vocabulary; the message starts with <paramref name="displayName"/>.</exception>
    public static Vocabulary ReadFrom(Stream stream, string displayName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayName);
        Stored? stored;
        try
        {
            stored = JsonSerializer.Deserialize<Stored>(stream, _storedOptions);
        }
        catch (JsonException ex)
        {
            throw new DialogueActsException($"{displayName}: not a valid vocabulary file: {Data.JsonErrors.Describe(ex)}", ex);
        }
        if (stored is null || stored.Format != FormatName)
        {
            throw new DialogueActsException($"{displayName}: not a vocabulary file");
        }
        if (stored.Version != FormatVersion)
        {
            throw new DialogueActsException($"{displayName}: unsupported vocabulary version {stored.Version}, expected {FormatVersion}");
        }
        string[] tokens = stored.Tokens ?? [];
        long[] counts = stored.Counts ?? [];
        if (tokens.Length < ReservedCount || tokens[PadId] != PadToken || tokens[UnknownId] != UnknownToken || tokens[EmptyId] != EmptyToken)
        {
            throw new DialogueActsException($"{displayName}: the vocabulary must start with {PadToken}, {UnknownToken}, {EmptyToken}");
        }
        if (counts.Length != tokens.Length)
        {
            throw new DialogueActsException($"{displayName}: {tokens.Length} tokens but {counts.Length} counts");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] is null)
            {
                throw new DialogueActsException($"{displayName}: token {i} is null");
            }
            if (!seen.Add(tokens[i]))
            {
                throw new DialogueActsException($"{displayName}: token {i} \"{DialogueActsException.Excerpt(tokens[i])}\" is a duplicate");
            }
            if (counts[i] < 0)
            {
                throw new DialogueActsException($"{displayName}: count {i} is negative");
            }
        }
        if (stored.TrainingTokenCount < 0)
        {
            throw new DialogueActsException($"{displayName}: trainingTokenCount is negative");
        }
        return new Vocabulary(tokens, counts, stored.TrainingTokenCount);
    }

    private static bool IsReserved(string token) => token is PadToken or UnknownToken or EmptyToken;

    private static readonly JsonSerializerOptions _storedOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private sealed record Stored(string? Format, int Version, long TrainingTokenCount, string[]? Tokens, long[]? Counts);
}
