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
    public void TheCharacterFeatureReadsTheSameTokensTheEncoderGivesIds()
    {
        TextEncoder encoder = TextEncoder.Build(new TokenizerOptions { MinCount = 1, MaxTokens = 3 }, ["Yeah, right."]);
        int[] ids = encoder.Encode("Uh-huh, yeah right.", out bool truncated);
        Assert.True(truncated);
        Assert.Equal(new[] { "uh", "-", "huh" }, encoder.Tokens("Uh-huh, yeah right."));
        var feature = new DialogueActs.Modeling.CharacterFeature(filters: 2, embeddingDim: 2);
        var context = new DialogueActs.Modeling.FeatureContext(encoder, DialogueActs.Modeling.FeatureResources.None);
        var prepared = (byte[][])feature.Prepare([new DialogueActs.Data.Conversation("c", [new("A", "Uh-huh, yeah right.", null), new("B", "   ", null)])], context)[0];
        Assert.Equal(CharacterIds.Encode(["uh", "-", "huh"], 3), prepared[0]);
        Assert.Equal(ids.Length * CharacterIds.PerToken, prepared[0].Length);

        Assert.Equal([Vocabulary.EmptyId], encoder.Encode("   "));
        Assert.Equal(new byte[CharacterIds.PerToken], prepared[1]);
    }
}
