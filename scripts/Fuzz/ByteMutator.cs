using System.Text;

namespace DialogueActs.Fuzz;

/// <summary>
/// Format-blind mutations of a byte string: bit flips, interesting bytes, truncation, deleted and
/// duplicated ranges, huge fields (megabytes), deep bracket nesting, invalid UTF-8, byte-order marks,
/// line-ending changes and NUL bytes. Every choice comes from the caller's generator, so a case is
/// reproducible from its seed.
/// </summary>
public static class ByteMutator
{
    private static readonly byte[] InterestingBytes = "\0\xFF\"',;\n\r{}[]:\\\t "u8.ToArray()
        .Concat(new byte[] { 0x80, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF8, 0xFE, 0x7F, (byte)'0', (byte)'-', (byte)'9' }).ToArray();

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC0, 0xAF], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3],
    ];

    private static readonly byte[][] Preambles =
    [
        [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB], [0x00, 0x00, 0xFE, 0xFF],
    ];

    /// <summary>Names of the mutations, in the order <see cref="Apply"/> numbers them.</summary>
    public static readonly string[] Names =
    [
        "flip-bits", "interesting-byte", "truncate", "delete-range", "duplicate-range", "huge-field", "deep-nesting",
        "invalid-utf8", "bom", "crlf", "lone-cr", "nul-bytes", "insert-text", "swap-ranges",
    ];

    /// <summary>Applies mutation number <paramref name="kind"/> (see <see cref="Names"/>) to <paramref name="data"/>.</summary>
    /// <param name="data">Input bytes (not modified).</param>
    /// <param name="kind">Index into <see cref="Names"/>.</param>
    /// <param name="random">The case's generator.</param>
    /// <param name="allowHuge">False keeps every result small (no megabyte fields, no deep nesting).</param>
    public static byte[] Apply(byte[] data, int kind, Random random, bool allowHuge = true)
    {
        var bytes = new List<byte>(data);
        switch (Names[kind])
        {
            case "flip-bits":
                for (int i = random.Next(1, 9); i > 0 && bytes.Count > 0; i--)
                {
                    int at = random.Next(bytes.Count);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                }
                break;
            case "interesting-byte":
                for (int i = random.Next(1, 4); i > 0 && bytes.Count > 0; i--)
                {
                    bytes[random.Next(bytes.Count)] = InterestingBytes[random.Next(InterestingBytes.Length)];
                }
                break;
            case "truncate":
                int cut = random.Next(bytes.Count + 1);
                bytes.RemoveRange(cut, bytes.Count - cut);
                break;
            case "delete-range":
                if (bytes.Count > 0)
                {
                    int start = random.Next(bytes.Count);
                    bytes.RemoveRange(start, random.Next(1, Math.Min(64, bytes.Count - start) + 1));
                }
                break;
            case "duplicate-range":
                if (bytes.Count > 0)
                {
                    int start = random.Next(bytes.Count);
                    var copy = bytes.GetRange(start, random.Next(1, Math.Min(128, bytes.Count - start) + 1));
                    bytes.InsertRange(random.Next(bytes.Count + 1), copy);
                }
                break;
            case "huge-field":
                bytes.InsertRange(random.Next(bytes.Count + 1), HugeField(random, allowHuge));
                break;
            case "deep-nesting":
                bytes.InsertRange(random.Next(bytes.Count + 1), DeepNesting(random, allowHuge));
                break;
            case "invalid-utf8":
                bytes.InsertRange(random.Next(bytes.Count + 1), InvalidUtf8[random.Next(InvalidUtf8.Length)]);
                break;
            case "bom":
                bytes.InsertRange(random.Next(4) == 0 ? random.Next(bytes.Count + 1) : 0, Preambles[random.Next(Preambles.Length)]);
                break;
            case "crlf":
                return Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(data).Replace("\r\n", "\n").Replace("\n", "\r\n"));
            case "lone-cr":
                return Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(data).Replace("\r\n", "\n").Replace('\n', '\r'));
            case "nul-bytes":
                for (int i = random.Next(1, 4); i > 0; i--)
                {
                    bytes.Insert(random.Next(bytes.Count + 1), 0);
                }
                break;
            case "insert-text":
                string[] snippets = ["\"", "\"\"", ",", ",,", "\n", "\r\n", "{", "}", "[", "]", "null", "-1", "1e999", "99999999999999999999", "\\u0000", "\\ud800", "\\", "\u00e9", "\U0001F600", "<pad>", "NaN", "true", ":", "//", "/*"];
                bytes.InsertRange(random.Next(bytes.Count + 1), Encoding.UTF8.GetBytes(snippets[random.Next(snippets.Length)]));
                break;
            case "swap-ranges":
                if (bytes.Count > 2)
                {
                    int a = random.Next(bytes.Count), b = random.Next(bytes.Count);
                    (bytes[a], bytes[b]) = (bytes[b], bytes[a]);
                }
                break;
        }
        return [.. bytes];
    }

    /// <summary>Applies one random mutation.</summary>
    public static byte[] ApplyRandom(byte[] data, Random random, bool allowHuge, out string name)
    {
        int kind = random.Next(Names.Length);
        // Huge and deep inputs are slow to build and parse: one case in ten at most.
        if (Names[kind] is "huge-field" or "deep-nesting" && random.Next(5) != 0)
        {
            kind = 0;
        }
        name = Names[kind];
        return Apply(data, kind, random, allowHuge);
    }

    /// <summary>A run of 1 to 4 MB (64 KB without <paramref name="allowHuge"/>) of one repeated character, or of a token.</summary>
    public static byte[] HugeField(Random random, bool allowHuge)
    {
        int size = allowHuge ? random.Next(1, 5) * 1024 * 1024 : 64 * 1024;
        byte[] unit = random.Next(3) switch
        {
            0 => "a"u8.ToArray(),
            1 => "word "u8.ToArray(),
            _ => "\u00e9\U0001F600"u8.ToArray(),
        };
        var result = new byte[size / unit.Length * unit.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = unit[i % unit.Length];
        }
        return result;
    }

    /// <summary>Nested JSON brackets (arrays, objects or both), 100 to 100,000 levels (at most 1,000 without <paramref name="allowHuge"/>).</summary>
    public static byte[] DeepNesting(Random random, bool allowHuge)
    {
        int depth = allowHuge ? (int)Math.Pow(10, 2 + random.Next(4)) : 1000;
        var text = new StringBuilder();
        bool objects = random.Next(2) == 0;
        for (int i = 0; i < depth; i++)
        {
            text.Append(objects ? "{\"a\":" : "[");
        }
        text.Append('1');
        for (int i = 0; i < depth; i++)
        {
            text.Append(objects ? '}' : ']');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
