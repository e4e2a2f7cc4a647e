namespace DialogueActs.Training.Import;

/// <summary>One CSV an import wrote.</summary>
/// <param name="Name">The split: <c>train</c>, <c>valid</c> or <c>test</c>.</param>
/// <param name="File">The CSV.</param>
/// <param name="Conversations">Conversations written.</param>
/// <param name="Utterances">Rows written.</param>
public sealed record ImportedSplit(string Name, string File, int Conversations, int Utterances);

/// <summary>What <see cref="CorpusImporter.Import"/> wrote.</summary>
/// <param name="Splits">The CSVs, in split order (a split with no conversations gets none).</param>
/// <param name="LabelsFile"><c>labels.json</c>, or null when the plan has no label map.</param>
/// <param name="Removed">Files of an earlier import that this one replaced by nothing (a split or labels it no longer has).</param>
/// <param name="SkippedConversations">Listed conversations left out by a partial import.</param>
public sealed record ImportResult(IReadOnlyList<ImportedSplit> Splits, string? LabelsFile, IReadOnlyList<string> Removed, int SkippedConversations);
