using DialogueActs.Text;
using Xunit;

namespace DialogueActs.Tests.Text;

public class TextTokenizerTests
{
    private static IReadOnlyList<string> Words(string text, bool lowercase = true) =>
        TextTokenizer.Create(new TokenizerOptions { Lowercase = lowercase }).Tokenize(text);

    [Fact]
    public void Word_SplitsPunctuationIntoSingleMarks()
    {
        Assert.Equal(["uh", ",", "okay", ".", ".", ".", "right", "?", "!"], Words("Uh, okay... right?!"));
    }

    [Fact]
    public void Word_KeepsApostrophesInsideWords()
    {
        Assert.Equal(["i'm", "sure", "you", "don't", "know", "'em"], Words("I'm sure you don't know 'em"));
    }

    [Fact]
    public void Word_Lowercases_WhenAsked()
    {
        Assert.Equal(["hello", "world"], Words("HeLLo World"));
        Assert.Equal(["HeLLo", "World"], Words("HeLLo World", lowercase: false));
    }

    [Fact]
    public void Word_IsUnicodeAware()
    {
        Assert.Equal(["café", "über", "naïve", "größe", "42", "—", "日本語"], Words("Café ÜBER naïve Größe 42 — 日本語"));
    }

    [Fact]
    public void Word_SplitsSymbolsAndKeepsDigitsWithLetters()
    {
        Assert.Equal(["<", "laughter", ">", "$", "5", "-", "a2b", "/"], Words("<Laughter> $5 - a2b /"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n ")]
    public void Word_EmptyOrWhitespace_HasNoTokens(string text)
    {
        Assert.Empty(Words(text));
    }

    [Fact]
    public void Cl100k_ReturnsSubwordTokenStringsAfterLowercasing()
    {
        var tokenizer = TextTokenizer.Create(new TokenizerOptions { Kind = TokenizerOptions.Cl100kKind });
        IReadOnlyList<string> tokens = tokenizer.Tokenize("Hello, I DON'T know");
        Assert.Equal(["hello", ",", " i", " don", "'t", " know"], tokens);
    }

    [Fact]
    public void Cl100k_DropsWhitespaceOnlyTokens()
    {
        var tokenizer = TextTokenizer.Create(new TokenizerOptions { Kind = TokenizerOptions.Cl100kKind });
        Assert.Empty(tokenizer.Tokenize("   \n\n  "));
        Assert.DoesNotContain(tokenizer.Tokenize("a\n\nb"), t => string.IsNullOrWhiteSpace(t));
    }

    [Fact]
    public void UnknownKind_IsAUserError()
    {
        var ex = Assert.Throws<DialogueActsException>(() => TextTokenizer.Create(new TokenizerOptions { Kind = "bpe" }));
        Assert.Equal("tokenizer kind must be one of \"word\", \"cl100k\", got \"bpe\"", ex.Message);
    }
}
