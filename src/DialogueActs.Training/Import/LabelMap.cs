namespace DialogueActs.Training.Import;

/// <summary>
/// Reads a label map of N. Duran's repositories: lines <c>name|tag</c> (<c>Statement-non-opinion|sd</c>). Further
/// fields are ignored (SwDA's <c>label_map.txt</c> has one stray count, <c>Reject|ar|344</c>).
/// </summary>
internal static class LabelMap
{
    /// <summary>The tags of <paramref name="path"/> with their names, in file order.</summary>
    /// <exception cref="DialogueActsException">The file is missing, a line has no <c>|</c>, a name or tag is empty, or a tag is named twice.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string path)
    {
        var names = new List<KeyValuePair<string, string>>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, content) in ImportText.Lines(ImportText.Read(path, "label map")))
        {
            string[] fields = content.Split('|');
            if (fields.Length < 2)
                throw new DialogueActsException($"{path}:{line}: expected name|tag, got '{DialogueActsException.Excerpt(content)}'");
            string name = fields[0].Trim(), tag = fields[1].Trim();
            if (name.Length == 0 || tag.Length == 0)
                throw new DialogueActsException($"{path}:{line}: the {(name.Length == 0 ? "name" : "tag")} is empty");
            if (!seen.TryAdd(tag, line))
                throw new DialogueActsException($"{path}:{line}: tag '{DialogueActsException.Excerpt(tag)}' is named twice (also on line {seen[tag]})");
            names.Add(new(tag, name));
        }
        return names;
    }
}
