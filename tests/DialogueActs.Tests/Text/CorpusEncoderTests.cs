using DialogueActs.Data;
using DialogueActs.Text;

namespace DialogueActs.Tests.Text;

public sealed class CorpusEncoderTests
{
    private static readonly Conversation Dialogue = new("d", [new("A", "Hello there.", null), new("B", "Hi!", null), new("A", "", null)]);

    private static readonly TextEncoder Encoder = TextEncoder.Build(new TokenizerOptions { MinCount = 1 }, Dialogue.Utterances.Select(u => u.Text));

    [Fact]
    public void OptionalPartsAreEncodedOnlyWhenAsked()
    {
        var plain = CorpusEncoder.Encode(Dialogue, Encoder, labels: null);
        Assert.Null(plain.Characters);
        Assert.Null(plain.Texts);
        Assert.Equal(new[] { 0, 1, 0 }, plain.Speakers);

        var full = CorpusEncoder.Encode(Dialogue, Encoder, labels: null, EncodedParts.Characters | EncodedParts.Texts);
        Assert.Equal(plain.Tokens, full.Tokens);
        Assert.Equal(Dialogue.Utterances.Select(u => u.Text), full.Texts!);
        Assert.Equal(full.Tokens.Select(t => t.Length * CharacterIds.PerToken), full.Characters!.Select(c => c.Length));
        Assert.Equal(CorpusEncoder.Encode(Dialogue, Encoder, labels: null, characters: true).Characters, full.Characters);
        Assert.Equal(new[] { "Hi!", "" }, full.Slice(1, 2).Texts!);
    }
}
