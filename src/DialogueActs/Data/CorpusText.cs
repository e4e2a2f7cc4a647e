using System.Buffers;
using System.Text.Unicode;

namespace DialogueActs.Data;

/// <summary>Decodes corpus bytes as strict UTF-8, reporting the line of the first invalid byte.</summary>
internal static class CorpusText
{
    /// <summary>
    /// Decodes <paramref name="bytes"/> as UTF-8, dropping a leading byte-order mark.
    /// </summary>
    /// <exception cref="DialogueActsException">
    /// The bytes are not valid UTF-8: <c>{name}:{line}: invalid UTF-8 (byte 0xFF)</c>.
    /// </exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string name)
    {
        ReadOnlySpan<byte> body = bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(body.Length, 1));
        try
        {
            OperationStatus status = Utf8.ToUtf16(body, chars, out int bytesRead, out int charsWritten,
                replaceInvalidSequences: false, isFinalBlock: true);
            if (status != OperationStatus.Done)
            {
                int offset = bytesRead + (bytes.Length - body.Length);
                int line = LineIndex.OfUtf8(bytes).LineOf(offset);
                throw new DialogueActsException($"{name}:{line}: invalid UTF-8 (byte 0x{bytes[offset]:X2})");
            }
            return new string(chars, 0, charsWritten);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Drops a leading byte-order mark from already decoded text.</summary>
    public static string StripBom(string text) => text.StartsWith('\uFEFF') ? text[1..] : text;
}
