namespace DialogueActs.Data;

/// <summary>
/// Maps character offsets of a text to 1-based physical line numbers. A line ends at <c>\n</c>,
/// <c>\r\n</c> or a lone <c>\r</c>, as in CsvHelper.
/// </summary>
internal sealed class LineIndex
{
    private readonly List<int> _lineStarts = [0];

    /// <summary>Indexes the line starts of <paramref name="text"/>.</summary>
    public LineIndex(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
                _lineStarts.Add(i + 1);
        }
    }

    /// <summary>The 1-based line holding the character at <paramref name="offset"/>.</summary>
    public int LineOf(int offset)
    {
        int index = _lineStarts.BinarySearch(offset);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>The 1-based line holding the byte at <paramref name="offset"/> of UTF-8 (or any ASCII-compatible) bytes.</summary>
    public static int LineOfByte(ReadOnlySpan<byte> bytes, int offset)
    {
        int line = 1;
        for (int i = 0; i < offset; i++)
        {
            byte b = bytes[i];
            if (b == (byte)'\n' || (b == (byte)'\r' && (i + 1 == bytes.Length || bytes[i + 1] != (byte)'\n')))
                line++;
        }
        return line;
    }
}
