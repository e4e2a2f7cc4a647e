namespace DialogueActs.Training.Import;

/// <summary>
/// Plans the import of any folder of per-conversation files in the style of N. Duran's repositories
/// (<see cref="FolderImportOptions"/>): a split given as a folder takes every conversation file in it; a split
/// given as a list takes the listed ids, each the name (without extension) of exactly one file under
/// <see cref="FolderImportOptions.Source"/>.
/// </summary>
public static class FolderImport
{
    /// <summary>Plans the import.</summary>
    /// <exception cref="DialogueActsException">
    /// A split list or folder is missing, an unknown split is named, <c>train</c> is missing, a listed id has no file
    /// (or two), or a conversation is in two splits. One line, naming the file and line.
    /// </exception>
    public static ImportPlan Plan(FolderImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.Source)) throw new DialogueActsException($"{options.Source}: folder not found");
        string? unknown = options.Splits.Keys.FirstOrDefault(k => !ImportPlan.SplitNames.Contains(k));
        if (unknown is not null) throw new DialogueActsException($"unknown split '{unknown}' (the splits are {string.Join(", ", ImportPlan.SplitNames)})");
        if (!options.Splits.ContainsKey("train")) throw new DialogueActsException("no train split given");
        if (!options.Extension.StartsWith('.') || options.Extension.Length < 2)
            throw new DialogueActsException($"extension '{options.Extension}' must start with a dot, as in .txt");

        Dictionary<string, List<string>>? index = null;
        var splits = new List<(string, IReadOnlyList<(ListedId, string)>)>();
        foreach (string name in ImportPlan.SplitNames)
        {
            if (!options.Splits.TryGetValue(name, out string? path)) continue;
            if (Directory.Exists(path))
            {
                splits.Add((name, FolderSplit(path, options.Extension)));
                continue;
            }
            index ??= IndexFiles(options.Source, options.Extension);
            splits.Add((name, SplitList.Read(path).Select(listed => (listed, FileOf(listed, index, options))).ToList()));
        }
        var (planned, skipped) = ImportPlan.Place(splits, options.IdPrefix, options.Partial);
        foreach (var map in options.LabelMaps)
        {
            if (!options.Columns.Fields.Contains(map.Field) || map.Field == ImportColumns.TextField)
                throw new DialogueActsException($"{map.File}: label map for '{map.Field}', which is not a label field of {options.Columns.Pattern}");
        }
        return new ImportPlan(options.Columns, planned, options.LabelMaps, skipped);
    }

    /// <summary>Every conversation file directly in <paramref name="folder"/>, in ordinal order; each one's line is 1.</summary>
    private static List<(ListedId, string)> FolderSplit(string folder, string extension) =>
        Directory.EnumerateFiles(folder, "*" + extension)
            .Where(f => f.EndsWith(extension, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (new ListedId(Path.GetFileNameWithoutExtension(f), f, 1), f))
            .ToList();

    /// <summary>The conversation files under <paramref name="source"/> by name without extension.</summary>
    private static Dictionary<string, List<string>> IndexFiles(string source, string extension)
    {
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(source, "*" + extension, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!file.EndsWith(extension, StringComparison.Ordinal)) continue;
            string id = Path.GetFileNameWithoutExtension(file);
            if (!index.TryGetValue(id, out var files)) index[id] = files = [];
            files.Add(file);
        }
        return index;
    }

    /// <summary>The one file of <paramref name="listed"/>; a path that does not exist when there is none.</summary>
    private static string FileOf(ListedId listed, Dictionary<string, List<string>> index, FolderImportOptions options)
    {
        if (!index.TryGetValue(listed.Id, out var files)) return Path.Combine(options.Source, listed.Id + options.Extension);
        if (files.Count > 1)
            throw new DialogueActsException($"{listed.Where}: conversation '{DialogueActsException.Excerpt(listed.Id)}' has two files, {files[0]} and {files[1]}");
        return files[0];
    }
}
