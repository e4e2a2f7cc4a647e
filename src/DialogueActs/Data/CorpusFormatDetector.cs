namespace DialogueActs.Data;

/// <summary>Resolves <see cref="CorpusFormat.Auto"/> from a file name's extension.</summary>
internal static class CorpusFormatDetector
{
    /// <summary>The extensions <see cref="CorpusFormat.Auto"/> accepts, as worded in error messages.</summary>
    public const string AcceptedExtensions = ".csv, .jsonl or .json";

    /// <summary>
    /// Returns <paramref name="format"/> unless it is <see cref="CorpusFormat.Auto"/>, in which case the
    /// format is picked from the extension of <paramref name="fileName"/>.
    /// </summary>
    /// <exception cref="DialogueActsException">The extension is not one of <see cref="AcceptedExtensions"/>.</exception>
    public static CorpusFormat Resolve(string fileName, CorpusFormat format)
    {
        if (format != CorpusFormat.Auto)
            return format;
        string extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".csv" => CorpusFormat.Csv,
            ".jsonl" or ".json" => CorpusFormat.Jsonl,
            _ => throw new DialogueActsException(
                $"{fileName}: cannot tell the corpus format from the file extension '{extension}' (expected {AcceptedExtensions})"),
        };
    }
}
