namespace DialogueActs.Training.Import;

/// <summary>One conversation to import: its id in the CSV and the file it is read from.</summary>
/// <param name="Id">Conversation id written to the CSV (for SwDA, <c>sw</c> and the file's number).</param>
/// <param name="File">The conversation file.</param>
public sealed record PlannedConversation(string Id, string File);

/// <summary>The conversations of one split, in the order they are written.</summary>
/// <param name="Name"><c>train</c>, <c>valid</c> or <c>test</c>: the CSV is <c>NAME.csv</c>.</param>
/// <param name="Conversations">The conversations in order (empty when a partial import found none of them).</param>
public sealed record PlannedSplit(string Name, IReadOnlyList<PlannedConversation> Conversations);

/// <summary>A label map to turn into <c>labels.json</c>: the field it names the tags of, and its file.</summary>
/// <param name="Field">A field of <see cref="ImportColumns"/> (<c>act</c>, <c>basic</c>, ...).</param>
/// <param name="File">Lines <c>name|tag</c>.</param>
public sealed record LabelMapSource(string Field, string File);

/// <summary>
/// What an import reads and writes: the fields of each line, the conversations of each split (every one
/// placed in exactly one split, every file known to exist), and the label maps. Made by
/// <see cref="DuranRepository.Plan"/> or <see cref="FolderImport.Plan"/>, carried out by <see cref="CorpusImporter.Import"/>.
/// </summary>
public sealed class ImportPlan
{
    /// <summary>The split names, in the order they are written.</summary>
    public static IReadOnlyList<string> SplitNames { get; } = ["train", "valid", "test"];

    internal ImportPlan(ImportColumns columns, IReadOnlyList<PlannedSplit> splits, IReadOnlyList<LabelMapSource> labelMaps, int skipped)
    {
        Columns = columns;
        Splits = splits;
        LabelMaps = labelMaps;
        SkippedConversations = skipped;
    }

    /// <summary>The fields of a line and the CSV layout.</summary>
    public ImportColumns Columns { get; }

    /// <summary>The splits, in <see cref="SplitNames"/> order (a split given no source is absent).</summary>
    public IReadOnlyList<PlannedSplit> Splits { get; }

    /// <summary>The label maps for <c>labels.json</c> (none: no <c>labels.json</c>).</summary>
    public IReadOnlyList<LabelMapSource> LabelMaps { get; }

    /// <summary>Listed conversations left out by a partial import because their file is missing.</summary>
    public int SkippedConversations { get; }

    /// <summary>
    /// Checks that no id is listed in two of <paramref name="lists"/>.
    /// </summary>
    /// <exception cref="DialogueActsException">An id is in two lists; the message names both places.</exception>
    internal static void CheckDisjoint(IEnumerable<(string Name, IEnumerable<ListedId> Ids)> lists)
    {
        var placed = new Dictionary<string, (string Split, ListedId Listed)>(StringComparer.Ordinal);
        foreach (var (name, ids) in lists)
        {
            foreach (var listed in ids)
            {
                if (placed.TryGetValue(listed.Id, out var other))
                {
                    throw new DialogueActsException(
                        $"{listed.Where}: conversation '{DialogueActsException.Excerpt(listed.Id)}' is in two splits, {other.Split} ({other.Listed.Where}) and {name}");
                }
                placed.Add(listed.Id, (name, listed));
            }
        }
    }

    /// <summary>
    /// Places listed ids into splits, checking that no conversation is in two splits and that each has a file.
    /// </summary>
    /// <param name="splits">Per split, its listed ids with the file each should be read from.</param>
    /// <param name="idPrefix">Prefix of the CSV id.</param>
    /// <param name="partial">Leave out (and count) ids without a file instead of failing.</param>
    /// <exception cref="DialogueActsException">An id is in two splits, or (not partial) has no file.</exception>
    internal static (IReadOnlyList<PlannedSplit> Splits, int Skipped) Place(
        IReadOnlyList<(string Name, IReadOnlyList<(ListedId Listed, string File)> Ids)> splits, string idPrefix, bool partial)
    {
        CheckDisjoint(splits.Select(s => (s.Name, s.Ids.Select(i => i.Listed))));
        var result = new List<PlannedSplit>();
        int skipped = 0;
        foreach (var (name, ids) in splits)
        {
            var conversations = new List<PlannedConversation>();
            foreach (var (listed, file) in ids)
            {
                if (File.Exists(file))
                    conversations.Add(new PlannedConversation(idPrefix + listed.Id, file));
                else if (partial)
                    skipped++;
                else
                    throw new DialogueActsException($"{listed.Where}: conversation '{DialogueActsException.Excerpt(listed.Id)}' has no file {file}");
            }
            result.Add(new PlannedSplit(name, conversations));
        }
        return (result, skipped);
    }
}
