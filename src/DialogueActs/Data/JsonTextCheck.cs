using System.Text.Json;

namespace DialogueActs.Data;

/// <summary>
/// Finds JSON strings that are not text. JSON allows a <c>\u</c> escape of an unpaired UTF-16
/// surrogate (<c>"\ud800"</c>), which System.Text.Json parses but refuses to turn into a string: it throws
/// InvalidOperationException from <see cref="JsonElement.GetString"/>, from a property's name and even
/// from <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>. Parsers check a document with
/// this once, right after parsing, so that such input is an error naming the field.
/// </summary>
public static class JsonTextCheck
{
    /// <summary>What is wrong with such a string, for every parser's message: "field 'x' " + this.</summary>
    public const string NotText = "is not valid text (a \\u escape is an unpaired UTF-16 surrogate)";

    /// <summary>
    /// The one-line description of the first key or string value of <paramref name="root"/> that is not
    /// valid text, with its path (<c>utterances[1].text</c>), or null when every string is text.
    /// </summary>
    public static string? FindInvalidText(JsonElement root)
    {
        string? found = Find(root, "");
        return found is null ? null : $"{found} {NotText}";
    }

    private static string? Find(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(element) ? null : $"field '{path}'";
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (Find(item, $"{path}[{index}]") is { } found) return found;
                    index++;
                }
                return null;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path.Length == 0 ? "a key of the object" : $"a key of field '{path}'";
                    }
                    string child = path.Length == 0 ? DialogueActsException.Excerpt(name) : $"{path}.{DialogueActsException.Excerpt(name)}";
                    if (Find(property.Value, child) is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }

    private static bool IsText(JsonElement element)
    {
        try
        {
            element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
