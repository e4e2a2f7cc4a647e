namespace DialogueActs.Training.Import;

/// <summary>
/// The fields of each line of a conversation file (<c>speaker,text,act</c>) and the CSV they become:
/// <c>conversation_id,utterance_index</c>, the fields other than <c>text</c> in their order, then <c>text</c>
/// (the layout of <c>configs/swda.json</c> and <c>configs/mrda.json</c>).
/// </summary>
public sealed class ImportColumns
{
    /// <summary>CSV column of the conversation id.</summary>
    public const string ConversationColumn = "conversation_id";

    /// <summary>CSV column of the utterance's position in its conversation, from 0.</summary>
    public const string OrderColumn = "utterance_index";

    /// <summary>The field holding the utterance text; every layout has it.</summary>
    public const string TextField = "text";

    private ImportColumns(IReadOnlyList<string> fields)
    {
        Fields = fields;
        TextIndex = fields.ToList().IndexOf(TextField);
        Header = [ConversationColumn, OrderColumn, .. fields.Where(f => f != TextField), TextField];
        CsvOrder = [.. Enumerable.Range(0, fields.Count).Where(i => i != TextIndex), TextIndex];
    }

    /// <summary>The fields of a line, in file order.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>The header of the CSV written.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Index of <see cref="TextField"/> in <see cref="Fields"/>.</summary>
    internal int TextIndex { get; }

    /// <summary>The field indexes in CSV order (after the id and index columns).</summary>
    internal IReadOnlyList<int> CsvOrder { get; }

    /// <summary>The fields as they appear in a message: <c>speaker|text|act</c>.</summary>
    internal string Pattern => string.Join('|', Fields);

    /// <summary>Parses a comma-separated list of field names such as <c>speaker,text,act</c>.</summary>
    /// <param name="spec">The list.</param>
    /// <param name="source">Where it comes from, for messages (an option such as <c>--columns</c>).</param>
    /// <exception cref="DialogueActsException">A name is empty or repeated, is a column the importer writes itself, or <c>text</c> is missing.</exception>
    public static ImportColumns Parse(string spec, string source)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string[] fields = spec.Split(',').Select(f => f.Trim()).ToArray();
        foreach (string field in fields)
        {
            if (field.Length == 0)
                throw new DialogueActsException($"{source}: empty field name in '{DialogueActsException.Excerpt(spec)}'");
            if (field is ConversationColumn or OrderColumn)
                throw new DialogueActsException($"{source}: '{field}' is written by the importer; name the fields of a line only");
        }
        string? repeated = fields.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null)
            throw new DialogueActsException($"{source}: field '{DialogueActsException.Excerpt(repeated)}' is named twice");
        if (!fields.Contains(TextField))
            throw new DialogueActsException($"{source}: no '{TextField}' field in '{DialogueActsException.Excerpt(spec)}'");
        return new ImportColumns(fields);
    }
}
