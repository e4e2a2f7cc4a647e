namespace DialogueActs.Data;

/// <summary>
/// Reads a corpus file (CSV or JSON lines, see <see cref="CorpusFormat"/>) into conversations.
/// Bad input raises a <see cref="DialogueActsException"/> whose one-line message has the form
/// <c>{file}:{line}: {problem}</c> (or <c>{file}: {problem}</c> for whole-file problems).
/// </summary>
/// <remarks>
/// CSV: rows are grouped by conversation id (a conversation may appear in several blocks);
/// conversations come back in order of first appearance; utterances are sorted by the integer
/// <see cref="ColumnMapping.Order"/> column, or kept in file order when it is null. Empty speaker
/// and label cells read as null; an empty text is kept as "". JSON lines ignore the column
/// mapping; each line is read by <see cref="ConversationJsonReader"/>. Both formats refuse a conversation
/// over a <see cref="ConversationLimits"/> limit with an <see cref="InputLimitException"/>. Files are decoded
/// as strict UTF-8 (a byte-order mark is allowed).
/// </remarks>
public static class CorpusReader
{
    /// <summary>Reads the corpus file at <paramref name="path"/>.</summary>
    /// <param name="path">File to read; also the name used in error messages.</param>
    /// <param name="columns">CSV column names (ignored for JSON lines).</param>
    /// <param name="requireLabels">When true, every utterance must have a non-empty label.</param>
    /// <param name="format">File format; <see cref="CorpusFormat.Auto"/> picks it from the extension.</param>
    /// <param name="limits">Size limits; null for <see cref="ConversationLimits.Default"/>.</param>
    /// <returns>The conversations in file order.</returns>
    /// <exception cref="DialogueActsException">The file is missing, unreadable, malformed or over a limit.</exception>
    public static IReadOnlyList<Conversation> Read(string path, ColumnMapping columns, bool requireLabels,
        CorpusFormat format = CorpusFormat.Auto, ConversationLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        if (Directory.Exists(path))
            throw new DialogueActsException($"{path}: is a directory, not a file");
        if (!File.Exists(path))
            throw new DialogueActsException($"{path}: file not found");
        CorpusFormat resolved = CorpusFormatDetector.Resolve(path, format);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DialogueActsException($"{path}: cannot read the file: {e.Message}", e);
        }
        return Parse(CorpusText.Decode(bytes, path), path, columns, requireLabels, resolved, limits);
    }

    /// <summary>Reads a corpus from a stream of UTF-8 bytes (read to its end, not disposed).</summary>
    /// <param name="stream">The corpus bytes.</param>
    /// <param name="fileName">Name used in error messages and, for <see cref="CorpusFormat.Auto"/>, to pick the format.</param>
    /// <param name="columns">CSV column names (ignored for JSON lines).</param>
    /// <param name="requireLabels">When true, every utterance must have a non-empty label.</param>
    /// <param name="format">File format; <see cref="CorpusFormat.Auto"/> picks it from <paramref name="fileName"/>.</param>
    /// <param name="limits">Size limits; null for <see cref="ConversationLimits.Default"/>.</param>
    /// <returns>The conversations in file order.</returns>
    /// <exception cref="DialogueActsException">The content is malformed or over a limit.</exception>
    public static IReadOnlyList<Conversation> Read(Stream stream, string fileName, ColumnMapping columns,
        bool requireLabels, CorpusFormat format = CorpusFormat.Auto, ConversationLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(columns);
        CorpusFormat resolved = CorpusFormatDetector.Resolve(fileName, format);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        string text = CorpusText.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), fileName);
        return Parse(text, fileName, columns, requireLabels, resolved, limits);
    }

    /// <summary>Reads a corpus from already decoded text (read to its end, not disposed). No UTF-8 check is made.</summary>
    /// <param name="reader">The corpus text.</param>
    /// <param name="fileName">Name used in error messages and, for <see cref="CorpusFormat.Auto"/>, to pick the format.</param>
    /// <param name="columns">CSV column names (ignored for JSON lines).</param>
    /// <param name="requireLabels">When true, every utterance must have a non-empty label.</param>
    /// <param name="format">File format; <see cref="CorpusFormat.Auto"/> picks it from <paramref name="fileName"/>.</param>
    /// <param name="limits">Size limits; null for <see cref="ConversationLimits.Default"/>.</param>
    /// <returns>The conversations in file order.</returns>
    /// <exception cref="DialogueActsException">The content is malformed or over a limit.</exception>
    public static IReadOnlyList<Conversation> Read(TextReader reader, string fileName, ColumnMapping columns,
        bool requireLabels, CorpusFormat format = CorpusFormat.Auto, ConversationLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(columns);
        CorpusFormat resolved = CorpusFormatDetector.Resolve(fileName, format);
        string text = CorpusText.StripBom(reader.ReadToEnd());
        return Parse(text, fileName, columns, requireLabels, resolved, limits);
    }

    private static IReadOnlyList<Conversation> Parse(string text, string fileName, ColumnMapping columns,
        bool requireLabels, CorpusFormat format, ConversationLimits? limits) => format switch
    {
        CorpusFormat.Csv => CsvCorpusParser.Parse(text, fileName, columns, requireLabels, limits ?? ConversationLimits.Default),
        CorpusFormat.Jsonl => JsonlCorpusParser.Parse(text, fileName, requireLabels, limits ?? ConversationLimits.Default),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown corpus format"),
    };
}
