namespace DialogueActs.Training.Import;

/// <summary>One conversation id of a split list, with where it is listed (for messages).</summary>
/// <param name="Id">The id as listed: a conversation file's name without its extension.</param>
/// <param name="Source">The list: a file path, or the name of a list shipped with the importer.</param>
/// <param name="Line">1-based line of the list.</param>
internal sealed record ListedId(string Id, string Source, int Line)
{
    /// <summary><c>SOURCE:LINE</c>, the start of a one-line message about this id.</summary>
    public string Where => $"{Source}:{Line}";
}

/// <summary>
/// A split list: one conversation id per line (surrounding white space ignored, empty lines skipped), as
/// <c>metadata/{train,val,test}_split.txt</c> of N. Duran's repositories and the lists of <c>import folder</c>.
/// </summary>
internal static class SplitList
{
    private static readonly char[] Forbidden = [.. Path.GetInvalidFileNameChars(), '/', '\\'];

    /// <summary>Reads the list file <paramref name="path"/>.</summary>
    /// <exception cref="DialogueActsException">The list is missing or unreadable, an id is listed twice, or a line is not an id.</exception>
    public static IReadOnlyList<ListedId> Read(string path) => Parse(ImportText.Read(path, "split list"), path);

    /// <summary>Parses the text of a list called <paramref name="source"/> in messages.</summary>
    /// <exception cref="DialogueActsException">An id is listed twice or a line is not an id.</exception>
    public static IReadOnlyList<ListedId> Parse(string text, string source)
    {
        var ids = new List<ListedId>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, content) in ImportText.Lines(text))
        {
            string id = content.Trim();
            if (id.Length == 0) continue;
            if (id.IndexOfAny(Forbidden) >= 0 || id is "." or "..")
                throw new DialogueActsException($"{source}:{line}: '{DialogueActsException.Excerpt(id)}' is not a conversation id (a file name without its extension)");
            if (!seen.TryAdd(id, line))
                throw new DialogueActsException($"{source}:{line}: conversation '{DialogueActsException.Excerpt(id)}' is listed twice (also on line {seen[id]})");
            ids.Add(new ListedId(id, source, line));
        }
        return ids;
    }
}
