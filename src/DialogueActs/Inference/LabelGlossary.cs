using System.Text.Encodings.Web;
using System.Text.Json;

namespace DialogueActs.Inference;

/// <summary>A label's human-readable name, and a longer description where the source has one.</summary>
/// <param name="Name">The name (<c>Statement-non-opinion</c> for SwDA's <c>sd</c>).</param>
/// <param name="Description">A longer description, or null.</param>
public sealed record LabelName(string Name, string? Description = null);

/// <summary>
/// The names of a model's labels (tag → <see cref="LabelName"/>), read from the <c>labels.json</c> that
/// <c>dialogue-acts import</c> writes and kept in <c>model.zip</c>. Tags the model does not have and labels without a
/// name are allowed: such a label simply has no name (<see cref="NameOf"/> is null).
/// </summary>
/// <remarks>
/// <c>labels.json</c> holds one section per label field, each mapping a tag to its name and optional description:
/// <c>{"act": {"sd": {"name": "Statement-non-opinion"}, "b": {"name": "Acknowledge (Backchannel)", "description": "..."}}}</c>.
/// A model keeps the section of the field it was trained on.
/// </remarks>
public sealed class LabelGlossary
{
    private const string NameKey = "name";
    private const string DescriptionKey = "description";

    private readonly Dictionary<string, LabelName> _entries;

    /// <summary>Creates a glossary from tags and their names.</summary>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    public LabelGlossary(IReadOnlyDictionary<string, LabelName> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = new Dictionary<string, LabelName>(StringComparer.Ordinal);
        foreach (var (tag, name) in entries)
        {
            if (string.IsNullOrEmpty(name?.Name)) throw new ArgumentException($"Label '{tag}' has an empty name.", nameof(entries));
            _entries.Add(tag, name);
        }
    }

    /// <summary>The glossary of a model without one: no label has a name.</summary>
    public static LabelGlossary Empty { get; } = new(new Dictionary<string, LabelName>());

    /// <summary>The named tags.</summary>
    public IReadOnlyDictionary<string, LabelName> Entries => _entries;

    /// <summary>True when no tag has a name.</summary>
    public bool IsEmpty => _entries.Count == 0;

    /// <summary>The name of <paramref name="label"/>, or null when the glossary has none.</summary>
    public string? NameOf(string label) => _entries.TryGetValue(label, out var name) ? name.Name : null;

    /// <summary>Reads the section <paramref name="field"/> of a <c>labels.json</c> file.</summary>
    /// <param name="path">The file; errors name it.</param>
    /// <param name="field">The label field whose names to read (a model's label column, <c>act</c> for SwDA).</param>
    /// <exception cref="DialogueActsException">The file is missing or unreadable, is not valid JSON, is not shaped as above, or has no section <paramref name="field"/>.</exception>
    public static LabelGlossary Read(string path, string field)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(field);
        if (!File.Exists(path)) throw new DialogueActsException($"{path}: file not found");
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DialogueActsException($"{path}: cannot read: {DialogueActsException.Brief(ex.Message)}", ex);
        }
        return Parse(json, path, field);
    }

    /// <summary>
    /// Parses <c>labels.json</c> text and returns its section <paramref name="field"/>; every section is checked.
    /// <paramref name="source"/> names the text in errors.
    /// </summary>
    internal static LabelGlossary Parse(string json, string source, string field)
    {
        using var document = ParseDocument(json, source);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw Error(source, "$", $"expected an object of label fields, got {Kind(root)}");
        LabelGlossary? result = null;
        foreach (var section in root.EnumerateObject())
        {
            var glossary = Section(section.Value, source, "$" + Member(section.Name));
            if (section.Name == field) result = glossary;
        }
        if (result is not null) return result;
        string known = string.Join(", ", root.EnumerateObject().Select(s => $"'{DialogueActsException.Excerpt(s.Name)}'"));
        throw Error(source, "$" + Member(field), $"no names for the label field '{DialogueActsException.Excerpt(field)}' " +
                                                 (known.Length == 0 ? "(the file names none)" : $"(the file names {known})"));
    }

    /// <summary>Reads a glossary stored as one section (<see cref="ToJson"/>); <paramref name="source"/> names it in errors.</summary>
    internal static LabelGlossary FromJson(string json, string source)
    {
        using var document = ParseDocument(json, source);
        return Section(document.RootElement, source, "$");
    }

    /// <summary>The glossary as one section, <c>{"sd": {"name": "..."}, ...}</c>, what <see cref="FromJson"/> reads.</summary>
    internal string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var (tag, name) in _entries)
            {
                json.WriteStartObject(tag);
                json.WriteString(NameKey, name.Name);
                if (name.Description is not null) json.WriteString(DescriptionKey, name.Description);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static JsonDocument ParseDocument(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new DialogueActsException($"{source}: not valid JSON: {Data.JsonErrors.Reason(ex)}{Data.JsonErrors.Position(ex, withLine: true)}", ex);
        }
    }

    /// <summary>One section: an object of tag → <c>{"name": "...", "description": "..."}</c>.</summary>
    private static LabelGlossary Section(JsonElement section, string source, string path)
    {
        if (section.ValueKind != JsonValueKind.Object) throw Error(source, path, $"expected an object of tags, got {Kind(section)}");
        var entries = new Dictionary<string, LabelName>(StringComparer.Ordinal);
        foreach (var entry in section.EnumerateObject())
        {
            string at = path + Member(entry.Name);
            if (entry.Value.ValueKind != JsonValueKind.Object) throw Error(source, at, $"expected an object with a name, got {Kind(entry.Value)}");
            string? name = null, description = null;
            foreach (var property in entry.Value.EnumerateObject())
            {
                string key = at + Member(property.Name);
                switch (property.Name)
                {
                    case NameKey: name = Text(property.Value, source, key); break;
                    case DescriptionKey: description = Text(property.Value, source, key); break;
                    default: throw Error(source, key, $"unknown key (a tag has '{NameKey}' and '{DescriptionKey}')");
                }
            }
            if (string.IsNullOrWhiteSpace(name)) throw Error(source, at + Member(NameKey), name is null ? "is missing" : "is empty");
            if (!entries.TryAdd(entry.Name, new LabelName(name, description))) throw Error(source, at, "is named twice");
        }
        return new LabelGlossary(entries);
    }

    private static string Text(JsonElement value, string source, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(source, path, $"expected a string, got {Kind(value)}");

    /// <summary>A member of a JSON path: <c>.act</c>, or <c>['o^2']</c> for a name that is not an identifier.</summary>
    private static string Member(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(name[0])
            ? "." + name
            : "['" + DialogueActsException.Excerpt(name).Replace("'", "\\'", StringComparison.Ordinal) + "']";

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static DialogueActsException Error(string source, string path, string reason) => new($"{source}: {path}: {reason}");
}
