using System.Text.Json;
using System.Text.Json.Nodes;

namespace DialogueActs.Training.Configuration;

/// <summary>
/// Overrides of config values given on the command line (<c>train --set training.epochs=1</c>): each
/// <c>SECTION.KEY=JSON</c> (a deeper path such as <c>data.columns.label="basic"</c> too) replaces or adds one value before
/// the config is validated, so an override is checked like the file's own keys.
/// </summary>
internal static class ConfigOverrides
{
    /// <summary>The config text with every override applied in order.</summary>
    /// <param name="json">The config file's text.</param>
    /// <param name="displayName">Names the file in errors.</param>
    /// <param name="overrides">Overrides, <c>SECTION.KEY=JSON</c> each.</param>
    /// <exception cref="DialogueActsException">An override is malformed, its value is not JSON, or its path crosses a value that is not an object; or the file is not a JSON object.</exception>
    public static string Apply(string json, string displayName, IReadOnlyList<string> overrides)
    {
        if (overrides.Count == 0) return json;
        JsonObject config;
        try
        {
            config = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                     ?? throw new DialogueActsException($"{displayName}: $: expected an object");
        }
        catch (JsonException)
        {
            return json;                                                                                // the config reader reports it, with its line
        }
        foreach (string pair in overrides)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string[] path = equals < 0 ? [] : pair[..equals].Split('.');
            if (equals < 0 || path.Length < 2 || path.Any(string.IsNullOrWhiteSpace))
                throw new DialogueActsException($"--set {DialogueActsException.Excerpt(pair)}: expected SECTION.KEY=JSON, e.g. training.epochs=1");
            JsonNode? value;
            try
            {
                value = JsonNode.Parse(pair[(equals + 1)..]);
            }
            catch (JsonException)
            {
                throw new DialogueActsException($"--set {DialogueActsException.Excerpt(pair)}: the value is not JSON (quote strings: model.x='\"text\"')");
            }
            JsonObject parent = config;
            for (int i = 0; i < path.Length - 1; i++)
            {
                var child = parent[path[i]];
                if (child is null)
                {
                    child = new JsonObject();
                    parent[path[i]] = child;
                }
                parent = child as JsonObject
                         ?? throw new DialogueActsException($"--set {DialogueActsException.Excerpt(pair)}: $.{string.Join('.', path[..(i + 1)])} is not an object in {displayName}");
            }
            parent[path[^1]] = value;
        }
        return config.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
