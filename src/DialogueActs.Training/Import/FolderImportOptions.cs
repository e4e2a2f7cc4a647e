namespace DialogueActs.Training.Import;

/// <summary>
/// What <see cref="FolderImport.Plan"/> reads: a folder of per-conversation files (one utterance per line, fields
/// separated by <c>|</c>) and, per split, a list of conversation ids or a folder of conversation files.
/// </summary>
public sealed record FolderImportOptions
{
    /// <summary>The folder the conversation files of split lists are looked up in (and in its subfolders).</summary>
    public required string Source { get; init; }

    /// <summary>The fields of each line.</summary>
    public required ImportColumns Columns { get; init; }

    /// <summary>
    /// Per split name (<c>train</c>, <c>valid</c>, <c>test</c>), a split list (one id per line) or a folder (every
    /// conversation file in it, in ordinal order of the file names). <c>train</c> is required.
    /// </summary>
    public required IReadOnlyDictionary<string, string> Splits { get; init; }

    /// <summary>Extension of the conversation files, with its dot.</summary>
    public string Extension { get; init; } = ".txt";

    /// <summary>Prefix of the conversation ids written to the CSV (a file's name without its extension follows).</summary>
    public string IdPrefix { get; init; } = "";

    /// <summary>Label maps (lines <c>name|tag</c>) for <c>labels.json</c>.</summary>
    public IReadOnlyList<LabelMapSource> LabelMaps { get; init; } = [];

    /// <summary>Leave out (and count) listed conversations without a file instead of failing.</summary>
    public bool Partial { get; init; }
}
