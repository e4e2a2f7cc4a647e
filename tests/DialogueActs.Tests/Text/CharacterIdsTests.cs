using DialogueActs.Text;
using Xunit;

namespace DialogueActs.Tests.Text;

public class CharacterIdsTests
{
    [Fact]
    public void PrintableAsciiMapsToOneThroughNinetyFive_AndEverythingElseToOther()
    {
        Assert.Equal(1, CharacterIds.Of(' '));
        Assert.Equal('a' - ' ' + 1, CharacterIds.Of('a'));
        Assert.Equal(95, CharacterIds.Of('~'));
        Assert.Equal(CharacterIds.OtherId, CharacterIds.Of('é'));
        Assert.Equal(CharacterIds.OtherId, CharacterIds.Of('\t'));
        Assert.Equal(CharacterIds.Count - 1, CharacterIds.OtherId);
    }

    [Fact]
    public void EachTokenGetsItsFirstCharactersPaddedWithZero()
    {
        byte[] ids = CharacterIds.Encode(["ab", "abcdefghijklmnopqrstuvwxyz", "-"], 2);
        Assert.Equal(2 * CharacterIds.PerToken, ids.Length);
        Assert.Equal([CharacterIds.Of('a'), CharacterIds.Of('b')], ids[..2]);
        Assert.All(ids[2..CharacterIds.PerToken], id => Assert.Equal(0, id));
        Assert.Equal("abcdefghijklmnop".Select(CharacterIds.Of), ids[CharacterIds.PerToken..]);
    }

    [Fact]
    public void TextEncoderReturnsTheCharactersOfTheSameTokensItEncodes()
    {
        TextEncoder encoder = TextEncoder.Build(new TokenizerOptions { MinCount = 1, MaxTokens = 3 }, ["Yeah, right."]);
        int[] ids = encoder.Encode("Uh-huh, yeah right.", out bool truncated, out byte[] characters);
        Assert.True(truncated);
        Assert.Equal(encoder.Encode("Uh-huh, yeah right."), ids);
        Assert.Equal(CharacterIds.Encode(["uh", "-", "huh"], 3), characters);

        int[] empty = encoder.Encode("   ", out _, out byte[] none);
        Assert.Equal([Vocabulary.EmptyId], empty);
        Assert.Equal(new byte[CharacterIds.PerToken], none);
    }
}
