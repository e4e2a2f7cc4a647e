using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace DialogueActs.Text;

/// <summary>
/// BERT's accent stripping for the uncased tokenizer (Unicode NFD, then every nonspacing mark dropped),
/// done from a table so that it also works under invariant globalization, where
/// <see cref="string.Normalize(NormalizationForm)"/> changes nothing (the library's CLI runs so, and the
/// tokenizer relies on it): without it "café" would become [UNK] instead of "cafe". The uncased BERT
/// word-piece tokenizers of the sentence-encoder packages fold their input with it.
/// </summary>
public static class AccentFolding
{
    private const string Resource = "DialogueActs.Text.AccentFolding.tsv";
    private const int HangulFirst = 0xAC00;
    private const int HangulLast = 0xD7A3;

    private static readonly Lazy<FrozenDictionary<int, string>> Table = new(Load);

    /// <summary><paramref name="text"/> decomposed with its accents (nonspacing marks) removed.</summary>
    public static string Fold(string text)
    {
        if (Ascii.IsValid(text)) return text;
        FrozenDictionary<int, string> table = Table.Value;
        var folded = new StringBuilder(text.Length);
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (rune.Value is >= HangulFirst and <= HangulLast)
            {
                AppendHangul(folded, rune.Value);
            }
            else if (table.TryGetValue(rune.Value, out string? replacement))
            {
                folded.Append(replacement);
            }
            else if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(rune.ToString());
            }
        }
        return folded.ToString();
    }

    // The Unicode standard's algorithmic decomposition of a Hangul syllable into its leading consonant,
    // vowel and (optional) trailing consonant jamo.
    private static void AppendHangul(StringBuilder folded, int syllable)
    {
        int index = syllable - HangulFirst;
        folded.Append((char)(0x1100 + index / 588));
        folded.Append((char)(0x1161 + index % 588 / 28));
        if (index % 28 != 0) folded.Append((char)(0x11A7 + index % 28));
    }

    private static FrozenDictionary<int, string> Load()
    {
        using Stream stream = typeof(AccentFolding).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"DialogueActs has no resource {Resource}");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            string[] fields = line.Split('\t');
            var replacement = new StringBuilder();
            foreach (string codePoint in fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                replacement.Append(char.ConvertFromUtf32(int.Parse(codePoint, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }
            table.Add(int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture), replacement.ToString());
        }
        return table.ToFrozenDictionary();
    }
}
