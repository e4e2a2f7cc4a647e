using System.Text;

namespace DialogueActs.Tests.Transformers;

/// <summary>Texts that exercise the tokenizer and the encoder: fixed hard cases, then seeded random ones.</summary>
internal static class VariedTexts
{
    /// <summary>Hard cases: accents, punctuation and ASCII symbols, CJK, emoji, control and format characters, empty, very long.</summary>
    public static readonly string[] Fixed =
    [
        "",
        "   ",
        "Okay.",
        "CAFÉ Résumé naïve Ångström Łódź",
        "Hello, world!!! (yes) [no] {maybe} <laughter> -- ... ?! a=b+c^d|e~f`g$h",
        "*main = Maine?",
        "日本語のテキストです。中文文本。한국어 텍스트",
        "emoji 😀👍🏽 🇺🇸 family 👨‍👩‍👧 ok",
        "numbers 3.14159 1,000,000 42nd 2023-01-01 $5 50%",
        "tab\there\nnew line\r\nend",
        "zero\u200Bwidth soft\u00ADhyphen",
        "Ελληνικά Русский عربي עברית हिन्दी ไทย",
        "Ⅻ ﬁ ＡＢＣ ① ™ ½",
        "Uh, first, um, I need to know, uh, how do you feel about, uh, about sending, uh, an elderly, uh, family member to a nursing home?",
        string.Join(" ", Enumerable.Repeat("supercalifragilistic antidisestablishmentarianism", 60)),
        string.Join(" ", Enumerable.Repeat("yes", 300)),
    ];

    private static readonly string[] Words =
    [
        "yeah", "uh-huh", "i", "don't", "know", "well", "we", "went", "camping", "the", "lake", "rained", "every",
        "day", "so", "you", "think", "that's", "right", "okay", "um", "uh", "really", "children", "nursing",
        "home", "CAPITALS", "Mixed", "café", "naïve", "über", "jalapeño", "東京", "北京", "서울", "😀", "🙂",
        "1990", "3.5", "42", "#7", "100%", "e-mail", "o'clock", "can't", "<laughter>", "<noise>", "{D", "}",
        "[", "]", "/", "--", "...", "?", "!", ",", ".", ";", ":", "\"", "'", "(", ")", "&", "@", "Straße",
        "Ωmega", "Привет", "مرحبا", "naïveté", "coöperate", "antidisestablishmentarianism",
    ];

    /// <summary><see cref="Fixed"/>, then <paramref name="count"/> random texts of 1 to 40 words (one in 25 up to 300).</summary>
    public static string[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var texts = new List<string>(Fixed);
        for (int i = 0; i < count; i++)
        {
            int words = random.Next(25) == 0 ? random.Next(40, 300) : random.Next(1, 40);
            var text = new StringBuilder();
            for (int w = 0; w < words; w++)
            {
                if (w > 0) text.Append(random.Next(12) == 0 ? "  " : " ");
                text.Append(random.Next(8) == 0 ? random.Next(100000).ToString(System.Globalization.CultureInfo.InvariantCulture) : Words[random.Next(Words.Length)]);
            }
            texts.Add(text.ToString());
        }
        return [.. texts];
    }
}
