using DialogueActs.Text;

namespace DialogueActs.Tests.Text;

public sealed class AccentFoldingTests
{
    [Theory]
    [InlineData("Café naïve RÉSUMÉ", "Cafe naive RESUME")]
    [InlineData("e\u0301t\u00E9", "ete")] // a combining accent and a precomposed one
    [InlineData("Ångström Łódź", "Angstrom Łodz")] // Ł has no canonical decomposition (BERT keeps it too)
    [InlineData("\uD55C\uAD6D", "\u1112\u1161\u11AB\u1100\u116E\u11A8")] // 한국: Hangul syllables into jamo
    [InlineData("中文 ok", "中文 ok")]
    [InlineData("", "")]
    public void Fold_DecomposesAndDropsNonspacingMarks(string text, string expected) =>
        Assert.Equal(expected, AccentFolding.Fold(text));

    [Fact]
    public void Fold_ReturnsAsciiTextUnchanged()
    {
        const string text = "{D Well, } I don't know. /";

        Assert.Same(text, AccentFolding.Fold(text));
    }
}
