namespace DialogueActs.Data;

/// <summary>The header row of a CSV corpus: finds mapped columns and reports missing or ambiguous ones.</summary>
internal sealed class CsvHeader
{
    private const int MaxListedColumns = 20;

    private readonly string[] _names;
    private readonly int _line;
    private readonly string _fileName;

    /// <summary>Wraps the header <paramref name="names"/>, read on <paramref name="line"/> of <paramref name="fileName"/>.</summary>
    public CsvHeader(string[] names, int line, string fileName)
    {
        _names = names;
        _line = line;
        _fileName = fileName;
    }

    /// <summary>Number of columns in the header.</summary>
    public int Count => _names.Length;

    /// <summary>Index of <paramref name="column"/>, or -1 when the header lacks it.</summary>
    /// <exception cref="DialogueActsException">The column appears more than once.</exception>
    public int Find(string column)
    {
        int index = Array.IndexOf(_names, column);
        if (index >= 0 && Array.IndexOf(_names, column, index + 1) >= 0)
            throw new DialogueActsException($"{_fileName}:{_line}: column '{DialogueActsException.Excerpt(column)}' appears more than once in the header");
        return index;
    }

    /// <summary>Index of <paramref name="column"/>.</summary>
    /// <exception cref="DialogueActsException">The header lacks the column or has it more than once.</exception>
    public int Require(string column)
    {
        int index = Find(column);
        if (index < 0)
        {
            throw new DialogueActsException(
                $"{_fileName}:{_line}: missing column '{DialogueActsException.Excerpt(column)}' (header has: {HeaderSummary()})");
        }
        return index;
    }

    /// <summary>The header's names for a message: each as an excerpt, at most <see cref="MaxListedColumns"/> of them.</summary>
    private string HeaderSummary()
    {
        string names = string.Join(", ", _names.Take(MaxListedColumns).Select(DialogueActsException.Excerpt));
        return _names.Length <= MaxListedColumns ? names : $"{names}, ... ({_names.Length} columns)";
    }
}
