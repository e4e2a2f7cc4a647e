using DialogueActs.Data;

namespace DialogueActs.Training.Configuration;

/// <summary>Helpers over <see cref="DataOptions"/>.</summary>
public static class DataOptionsExtensions
{
    /// <summary>The corpus format named by <see cref="DataOptions.Format"/>.</summary>
    public static CorpusFormat CorpusFormat(this DataOptions data) => data.Format switch
    {
        DataOptions.CsvFormat => Data.CorpusFormat.Csv,
        DataOptions.JsonlFormat => Data.CorpusFormat.Jsonl,
        _ => Data.CorpusFormat.Auto,
    };
}
