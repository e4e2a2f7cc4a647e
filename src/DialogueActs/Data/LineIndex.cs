using System.Numerics;

namespace DialogueActs.Data;

/// <summary>
/// The one rule for line numbers in our messages: maps offsets of a text (characters) or of UTF-8 bytes to
/// 1-based physical lines. A line ends at <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>, as in CsvHelper.
/// </summary>
public sealed class LineIndex
{
    private readonly List<int> _lineStarts;

    private LineIndex(List<int> lineStarts) => _lineStarts = lineStarts;

    /// <summary>Indexes the lines of <paramref name="text"/>; offsets are character offsets.</summary>
    public LineIndex(string text) : this(LineStarts<char>(text)) { }

    /// <summary>Indexes the lines of UTF-8 (or any ASCII-compatible) <paramref name="bytes"/>; offsets are byte offsets.</summary>
    public static LineIndex OfUtf8(ReadOnlySpan<byte> bytes) => new(LineStarts(bytes));

    /// <summary>Number of lines: one more than the number of line ends (an empty last line counts).</summary>
    public int Count => _lineStarts.Count;

    /// <summary>The offset of the first character (or byte) of the 1-based <paramref name="line"/>.</summary>
    public int StartOf(int line) => _lineStarts[line - 1];

    /// <summary>The 1-based line holding the character (or byte) at <paramref name="offset"/>.</summary>
    public int LineOf(int offset)
    {
        int index = _lineStarts.BinarySearch(offset);
        return index >= 0 ? index + 1 : ~index;
    }

    private static List<int> LineStarts<T>(ReadOnlySpan<T> text) where T : IBinaryInteger<T>
    {
        T lineFeed = T.CreateTruncating('\n');
        T carriageReturn = T.CreateTruncating('\r');
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            T c = text[i];
            if (c == lineFeed || (c == carriageReturn && (i + 1 == text.Length || text[i + 1] != lineFeed)))
                starts.Add(i + 1);
        }
        return starts;
    }
}
