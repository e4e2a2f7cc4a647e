using System.Text;
using DialogueActs.Data;
using Xunit;

namespace DialogueActs.Tests.Data;

/// <summary>The one rule for line numbers: <c>\n</c>, <c>\r\n</c> and a lone <c>\r</c> end a line, in text and in UTF-8 bytes.</summary>
public sealed class LineIndexTests
{
    [Theory]
    [InlineData("", new[] { 1 })]
    [InlineData("ab", new[] { 1, 1 })]
    [InlineData("a\nb", new[] { 1, 1, 2 })]
    [InlineData("a\r\nb", new[] { 1, 1, 1, 2 })]
    [InlineData("a\rb\n\nc", new[] { 1, 1, 2, 2, 3, 4 })]
    [InlineData("\r\r\n\n", new[] { 1, 2, 2, 3, 4 })]
    public void EveryOffsetGetsItsLineInTextAndInBytes(string text, int[] lines)
    {
        var index = new LineIndex(text);
        var bytes = LineIndex.OfUtf8(Encoding.UTF8.GetBytes(text));
        for (int offset = 0; offset < lines.Length; offset++)
        {
            Assert.Equal(lines[offset], index.LineOf(offset));
            Assert.Equal(lines[offset], bytes.LineOf(offset));
        }
        Assert.Equal(lines[^1], index.Count);
        Assert.Equal(index.Count, bytes.Count);
    }

    [Fact]
    public void StartOfIsTheFirstOffsetOfALine()
    {
        var index = new LineIndex("ab\r\ncd\ref");
        Assert.Equal([0, 4, 7], Enumerable.Range(1, index.Count).Select(index.StartOf));
    }

    [Fact]
    public void ByteOffsetsCountUtf8Bytes()
    {
        var bytes = LineIndex.OfUtf8(Encoding.UTF8.GetBytes("é\nü"));
        Assert.Equal(1, bytes.LineOf(2));
        Assert.Equal(2, bytes.LineOf(3));
    }
}
