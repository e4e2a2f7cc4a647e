using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DialogueActs.Data;

namespace DialogueActs.Training.Configuration;

/// <summary>
/// One config file's JSON checked against the shape of a record type: syntax, unknown and duplicate
/// keys, nulls and value kinds, each reported with the file, the JSON path and the line. Remembers the
/// line of every key so later range checks can name it too.
/// </summary>
internal sealed class ConfigDocument
{
    private readonly string _displayName;
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);
    private readonly LineIndex _lineIndex;

    private ConfigDocument(string displayName, byte[] utf8)
    {
        _displayName = displayName;
        _lineIndex = LineIndex.OfUtf8(utf8);
    }

    /// <summary>Checks <paramref name="json"/> against the JSON shape of <paramref name="rootType"/>.</summary>
    /// <exception cref="DialogueActsException">The first problem found, in document order.</exception>
    public static ConfigDocument Check(string json, string displayName, Type rootType)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new DialogueActsException($"{displayName}: invalid JSON: the file is empty");
        }
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        var document = new ConfigDocument(displayName, utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = false,
        });
        try
        {
            if (!reader.Read())
            {
                throw new DialogueActsException($"{displayName}: invalid JSON: the file is empty");
            }
            document.CheckValue(ref reader, rootType, nullable: false, "$");
            reader.Read();
        }
        catch (JsonException ex)
        {
            throw document.SyntaxError(ex);
        }
        return document;
    }

    /// <summary>A user error at <paramref name="path"/>: <c>{file}: {path}: {message} (line {n})</c>, the line when known.</summary>
    public DialogueActsException Error(string path, string message)
    {
        string line = LineOf(path) is int number ? $" (line {number})" : "";
        return new DialogueActsException($"{_displayName}: {path}: {message}{line}");
    }

    /// <summary>True when the document has the key at <paramref name="path"/>.</summary>
    public bool Has(string path) => _lines.ContainsKey(path);

    /// <summary>Translates an exception thrown by the serializer on a document that passed <see cref="Check"/>.</summary>
    public DialogueActsException SerializerError(JsonException ex) =>
        new($"{_displayName}: {JsonErrors.Describe(ex)}", ex);

    private int? LineOf(string path)
    {
        for (string? current = path; current is not null; current = Parent(current))
        {
            if (_lines.TryGetValue(current, out int line))
            {
                return line;
            }
        }
        return null;
    }

    private static string? Parent(string path)
    {
        int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? null : path[..cut];
    }

    private DialogueActsException SyntaxError(JsonException ex) =>
        new($"{_displayName}: invalid JSON: {JsonErrors.Reason(ex)}{JsonErrors.LineSuffix(ex)}", ex);

    private int LineAt(long byteOffset) => _lineIndex.LineOf((int)byteOffset);

    private void CheckValue(ref Utf8JsonReader reader, Type type, bool nullable, string path)
    {
        _lines.TryAdd(path, LineAt(reader.TokenStartIndex));
        if (reader.TokenType == JsonTokenType.Null)
        {
            if (!nullable)
            {
                throw Error(path, "must not be null");
            }
            return;
        }
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        bool ok = target switch
        {
            _ when target == typeof(int) => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out _),
            _ when target == typeof(long) => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out _),
            _ when target == typeof(double) => reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double number) && double.IsFinite(number),
            _ when target == typeof(bool) => reader.TokenType is JsonTokenType.True or JsonTokenType.False,
            _ when target == typeof(string) || target.IsEnum => reader.TokenType == JsonTokenType.String,
            _ => reader.TokenType == JsonTokenType.StartObject,
        };
        if (!ok)
        {
            string expected = Describe(target) + (nullable ? " or null" : "");
            throw Error(path, $"expected {expected}, got {DescribeToken(ref reader)}");
        }
        if (reader.TokenType == JsonTokenType.String)
        {
            string value = ReadString(ref reader, path);
            if (target.IsEnum && !EnumNames(target).Contains(value, StringComparer.Ordinal))
            {
                throw Error(path, $"must be one of {string.Join(", ", EnumNames(target).Select(n => $"\"{n}\""))}, got \"{DialogueActsException.Excerpt(value)}\"");
            }
        }
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            CheckObject(ref reader, ConfigJson.Options.GetTypeInfo(target), path);
        }
    }

    /// <summary>
    /// The current string token (a key or a value). A <c>\u</c> escape of an unpaired UTF-16 surrogate is
    /// valid JSON syntax but not text; it is an error at <paramref name="path"/>, not System.Text.Json's
    /// InvalidOperationException.
    /// </summary>
    private string ReadString(ref Utf8JsonReader reader, string path)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Error(path, JsonTextCheck.NotText);
        }
    }

    /// <summary>The JSON names of an enum's values: each member's <see cref="System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute"/>.</summary>
    private static string[] EnumNames(Type type) =>
        type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => f.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute), false)
                .OfType<System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute>().FirstOrDefault()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(f.Name))
            .ToArray();

    private void CheckObject(ref Utf8JsonReader reader, JsonTypeInfo typeInfo, string path)
    {
        var properties = typeInfo.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = ReadString(ref reader, $"{path}.<key>");
            string childPath = Child(path, name);
            if (!seen.Add(name))
            {
                _lines[childPath] = LineAt(reader.TokenStartIndex);
                throw Error(childPath, "duplicate key");
            }
            _lines[childPath] = LineAt(reader.TokenStartIndex);
            if (!properties.TryGetValue(name, out JsonPropertyInfo? property))
            {
                if (Parent(childPath) is { } section && RemovedOptions.Reason(section.TrimStart('$', '.'), name) is { } reason)
                {
                    throw Error(childPath, RemovedOptions.Describe(reason));
                }
                throw Error(childPath, "unknown key" + Suggestion(name, properties.Keys));
            }
            reader.Read();
            bool nullable = property.IsSetNullable && (!property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null);
            CheckValue(ref reader, property.PropertyType, nullable, childPath);
        }
    }

    private static string Child(string path, string name)
    {
        bool simple = name.Length is > 0 and <= DialogueActsException.MaxExcerptLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return simple ? $"{path}.{name}" : $"{path}['{DialogueActsException.Excerpt(name).Replace("'", "\\'")}']";
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "an integer",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(string) => "a string",
        _ => "an object",
    };

    private static string DescribeToken(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return "an object";
            case JsonTokenType.StartArray:
                return "an array";
            case JsonTokenType.String:
                string text;
                try
                {
                    text = reader.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    return "a string";
                }
                if (text.Length > 40)
                {
                    text = text[..40] + "…";
                }
                return JsonSerializer.Serialize(text, ConfigJson.Options);
            default:
                string raw = Encoding.UTF8.GetString(reader.ValueSpan);
                return raw.Length > 40 ? raw[..40] + "…" : raw;
        }
    }

    private static string Suggestion(string name, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in known)
        {
            int distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }
        return best is not null && bestDistance <= Math.Max(1, best.Length / 3)
            ? $" (did you mean \"{best}\"?)"
            : string.Create(CultureInfo.InvariantCulture, $" (expected one of {string.Join(", ", known.Select(k => $"\"{k}\""))})");
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
