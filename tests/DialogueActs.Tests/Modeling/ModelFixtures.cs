using DialogueActs.Text;
using DialogueActs.Modeling;

namespace DialogueActs.Tests.Modeling;

/// <summary>Small random models and conversations for the model tests.</summary>
internal static class ModelFixtures
{
    /// <summary>The vocabulary and label counts of the small models: 30 words, 4 labels.</summary>
    public static readonly ModelDimensions Dimensions = new(30, 4);

    /// <summary>A small random model of <paramref name="options"/> and <see cref="Dimensions"/>.</summary>
    public static HierarchicalTagger Model(ModelOptions options) => new(options, Dimensions);

    public static ModelOptions SmallOptions(bool crf = true, bool conversationLstm = true, bool speaker = false,
        int speakerWindow = 1, bool maxPooling = false, int characterFilters = 0) => new()
    {
        EmbeddingDim = 8,
        UtteranceHidden = 6,
        ConversationHidden = 5,
        Dropout = 0.3,
        UseCrf = crf,
        UseConversationLstm = conversationLstm,
        SpeakerFeature = speaker,
        SpeakerWindow = speakerWindow,
        MaxPooling = maxPooling,
        CharacterFilters = characterFilters,
        CharacterEmbeddingDim = 3,
    };

    /// <summary>
    /// A conversation with the given utterance token counts, random token ids in 3..29, random labels,
    /// random speakers 0..2 and character ids spelled from each token id (see <see cref="Spelling"/>).
    /// </summary>
    public static EncodedConversation Conversation(string id, Random random, params int[] tokenCounts)
    {
        var tokens = tokenCounts.Select(n => Enumerable.Range(0, n).Select(_ => random.Next(3, 30)).ToArray()).ToArray();
        return new EncodedConversation(
            id,
            tokens,
            tokenCounts.Select(_ => random.Next(4)).ToArray(),
            tokenCounts.Select(_ => random.Next(3)).ToArray())
            .WithPayload(CharacterFeature.FeatureName, tokens.Select(u => u.SelectMany(Spelling).ToArray()).ToArray());
    }

    /// <summary>A fixed spelling of a token id: 1 to 20 characters (so some fill all <see cref="DialogueActs.Text.CharacterIds.PerToken"/> slots), padded with 0.</summary>
    public static byte[] Spelling(int tokenId)
    {
        var ids = new byte[DialogueActs.Text.CharacterIds.PerToken];
        int length = Math.Min(1 + tokenId * 7 % 20, ids.Length);
        for (int j = 0; j < length; j++) ids[j] = (byte)(1 + (tokenId * 31 + j * 7) % (DialogueActs.Text.CharacterIds.Count - 1));
        return ids;
    }
}
