using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DialogueActs.Fuzz;

/// <summary>
/// Structure-aware mutations of one JSON document: removed, added and duplicated keys, values of the
/// wrong kind, boundary numbers (overflowing, negative, NaN-like), lone surrogates, empty containers,
/// megabyte strings and deeply nested values. Raw replacements (such as <c>1e999</c>) are spliced into
/// the serialized text, so they need not be valid JSON values.
/// </summary>
public static class JsonMutator
{
    private const string Placeholder = "__fuzz_raw_value__";

    /// <summary>Names of the mutations.</summary>
    public static readonly string[] Names =
    [
        "remove-key", "replace-value", "duplicate-key", "unknown-key", "empty-container", "wrap-in-array", "huge-string", "deep-value",
        "edit-string",
    ];

    private static readonly string[] RawValues =
    [
        "null", "true", "false", "0", "-1", "1.5", "2", "3", "100", "65536", "1000000000", "2147483647", "-0.0", "2147483648", "-2147483649", "9223372036854775808", "1e308", "1e999", "-1e999",
        "1e-400", "\"\"", "\"   \"", "\"x\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"line\\nbreak\"", "\"a\\r\\nb\"", "[]", "{}", "[1,2]",
        "{\"a\":1}", "\"<pad>\"", "\"sd\"", "\"NaN\"", "NaN", "Infinity", "'single'", "01", "+1", ".5", "0x10", "\"\\\"quote\"", "\"" + new string('x', 300) + "\"",
    ];

    /// <summary>
    /// Applies one random structural mutation to the JSON text <paramref name="data"/>. Returns null when
    /// the text is not a JSON document (the caller then mutates bytes instead).
    /// </summary>
    public static byte[]? ApplyRandom(byte[] data, Random random, bool allowHuge, out string name)
    {
        try
        {
            return Apply(data, random, allowHuge, out name);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // An earlier mutation left a lone surrogate, which the writer cannot re-encode: mutate bytes instead.
            name = "";
            return null;
        }
    }

    private static byte[]? Apply(byte[] data, Random random, bool allowHuge, out string name)
    {
        name = Names[random.Next(Names.Length)];
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(data, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false, MaxDepth = 60 });
            if (root is not null)
            {
                Collect(root, []);
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not a document this mutator can walk (syntax error, duplicate keys, too deep): mutate bytes instead.
            return null;
        }
        if (root is null)
        {
            return null;
        }
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        JsonNode target = nodes[random.Next(nodes.Count)];
        string? raw = null;
        string? duplicate = null;
        switch (name)
        {
            case "remove-key":
                var objects = nodes.OfType<JsonObject>().Where(o => o.Count > 0).ToList();
                if (objects.Count > 0)
                {
                    var obj = objects[random.Next(objects.Count)];
                    obj.Remove(obj.ElementAt(random.Next(obj.Count)).Key);
                }
                break;
            case "replace-value":
                raw = RawValues[random.Next(RawValues.Length)];
                break;
            case "duplicate-key":
                var withKeys = nodes.OfType<JsonObject>().Where(o => o.Count > 0).ToList();
                if (withKeys.Count > 0)
                {
                    var obj = withKeys[random.Next(withKeys.Count)];
                    var pair = obj.ElementAt(random.Next(obj.Count));
                    duplicate = JsonSerializer.Serialize(pair.Key);
                }
                break;
            case "unknown-key":
                var any = nodes.OfType<JsonObject>().ToList();
                if (any.Count > 0)
                {
                    any[random.Next(any.Count)]["unexpectedKey" + random.Next(3)] = random.Next(2);
                }
                break;
            case "empty-container":
                raw = random.Next(2) == 0 ? "[]" : "{}";
                break;
            case "wrap-in-array":
                raw = "[" + (target == root ? target.ToJsonString() : target.ToJsonString()) + "]";
                break;
            case "huge-string":
                raw = "\"" + Encoding.UTF8.GetString(ByteMutator.HugeField(random, allowHuge)) + "\"";
                break;
            case "edit-string":
                // Keep the value a string but put awkward characters in it: NUL, line breaks, escapes of
                // surrogates, path separators, a BOM.
                var strings = nodes.Where(n => n.GetValueKind() == JsonValueKind.String).ToList();
                if (strings.Count > 0)
                {
                    target = strings[random.Next(strings.Count)];
                    string value = target.GetValue<string>();
                    string[] inserts = ["\\u0000", "\\n", "\\r\\n", "\\u001f", "\\ud800", "\\udc00", "/", "..", "\\\\", "\\ufeff", "\\u2028", "\\t", " "];
                    int at = random.Next(value.Length + 1);
                    raw = "\"" + JsonEncodedText.Encode(value[..at]).ToString() + inserts[random.Next(inserts.Length)] + JsonEncodedText.Encode(value[at..]).ToString() + "\"";
                }
                break;
            case "deep-value":
                raw = Encoding.UTF8.GetString(ByteMutator.DeepNesting(random, allowHuge));
                break;
        }
        if (raw is not null)
        {
            if (target == root)
            {
                return Encoding.UTF8.GetBytes(raw);
            }
            Replace(target, JsonValue.Create(Placeholder));
        }
        string text = root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        if (raw is not null)
        {
            text = text.Replace("\"" + Placeholder + "\"", raw, StringComparison.Ordinal);
        }
        if (duplicate is not null)
        {
            int at = text.IndexOf(duplicate + ":", StringComparison.Ordinal);
            if (at >= 0)
            {
                text = text.Insert(at, duplicate + ":" + RawValues[random.Next(RawValues.Length)] + ",");
            }
        }
        return Encoding.UTF8.GetBytes(text);
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var pair in obj)
                {
                    if (pair.Value is not null) Collect(pair.Value, nodes);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null) Collect(item, nodes);
                }
                break;
        }
    }

    private static void Replace(JsonNode target, JsonNode replacement)
    {
        switch (target.Parent)
        {
            case JsonObject obj:
                obj[target.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[target.GetElementIndex()] = replacement;
                break;
        }
    }
}
