using System.Text;
using DialogueActs.Text;
using Xunit;

namespace DialogueActs.Tests.Text;

public class TextEncoderTests
{
    private static readonly string[] _training = ["Okay, okay.", "I don't know.", "I don't think so.", "Yeah."];

    [Fact]
    public void Build_CountsTrainingTokensWithMinCount()
    {
        TextEncoder encoder = TextEncoder.Build(new TokenizerOptions { MinCount = 2 }, _training);
        Assert.Equal(["<pad>", "<unk>", "<empty>", ".", "don't", "i", "okay"], encoder.Vocabulary.Tokens);
    }

    [Fact]
    public void Encode_MapsUnknownTokensToUnk()
    {
        TextEncoder encoder = TextEncoder.Build(new TokenizerOptions { MinCount = 2 }, _training);
        int[] ids = encoder.Encode("I don't care.", out bool truncated);
        Vocabulary v = encoder.Vocabulary;
        Assert.Equal([v.IdOf("i"), v.IdOf("don't"), Vocabulary.UnknownId, v.IdOf(".")], ids);
        Assert.False(truncated);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Encode_NoTokens_GivesEmptyId(string text)
    {
        TextEncoder encoder = TextEncoder.Build(new TokenizerOptions(), _training);
        Assert.Equal([Vocabulary.EmptyId], encoder.Encode(text, out bool truncated));
        Assert.False(truncated);
    }

    [Fact]
    public void Encode_TruncatesToMaxTokens_AndReportsIt()
    {
        TextEncoder encoder = TextEncoder.Build(new TokenizerOptions { MinCount = 1, MaxTokens = 3 }, _training);
        int[] ids = encoder.Encode("okay okay okay okay", out bool truncated);
        Assert.Equal(3, ids.Length);
        Assert.True(truncated);
        encoder.Encode("okay okay okay", out truncated);
        Assert.False(truncated);
    }

    [Fact]
    public void Constructor_FromSavedVocabulary_EncodesLikeTheOriginal()
    {
        var options = new TokenizerOptions { MinCount = 1 };
        TextEncoder original = TextEncoder.Build(options, _training);
        using var stream = new MemoryStream();
        original.Vocabulary.WriteTo(stream);
        stream.Position = 0;
        var loaded = new TextEncoder(options, Vocabulary.ReadFrom(stream, "vocab.json"));
        Assert.Equal(original.Encode("Yeah, I don't think so!"), loaded.Encode("Yeah, I don't think so!"));
        Assert.Same(options, loaded.Options);
    }

    [Fact]
    public void Cl100k_BuildsASubwordVocabulary()
    {
        var options = new TokenizerOptions { Kind = TokenizerOptions.Cl100kKind, MinCount = 1 };
        TextEncoder encoder = TextEncoder.Build(options, _training);
        Assert.Contains(" don", encoder.Vocabulary.Tokens);
        Assert.DoesNotContain(Vocabulary.UnknownId, encoder.Encode("I don't know."));
    }
}
