namespace DialogueActs.Data;

/// <summary>
/// How a model's corpora were laid out: the CSV columns and the file format. A model archive keeps it, so that
/// <c>predict</c> and <c>evaluate</c> read files in the layout the model was trained on.
/// </summary>
/// <param name="Columns">The CSV column mapping.</param>
/// <param name="Format">The file format (<see cref="CorpusFormat.Auto"/>: by extension).</param>
public sealed record CorpusInput(ColumnMapping Columns, CorpusFormat Format)
{
    /// <summary>The default layout: <see cref="ColumnMapping"/>'s default columns, the format by extension.</summary>
    public static CorpusInput Default { get; } = new(new ColumnMapping(), CorpusFormat.Auto);
}
