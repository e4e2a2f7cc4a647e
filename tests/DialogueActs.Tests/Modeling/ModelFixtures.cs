using DialogueActs.Modeling;

namespace DialogueActs.Tests.Modeling;

/// <summary>Small random models and conversations for the model tests.</summary>
internal static class ModelFixtures
{
    public static ModelOptions SmallOptions(bool crf = true, bool conversationLstm = true, bool speaker = false) => new()
    {
        VocabularySize = 30,
        LabelCount = 4,
        EmbeddingDim = 8,
        UtteranceHidden = 6,
        ConversationHidden = 5,
        Dropout = 0.3,
        UseCrf = crf,
        UseConversationLstm = conversationLstm,
        SpeakerFeature = speaker,
    };

    /// <summary>A conversation with the given utterance token counts, random token ids in 3..29 and random labels.</summary>
    public static EncodedConversation Conversation(string id, Random random, params int[] tokenCounts) => new(
        id,
        tokenCounts.Select(n => Enumerable.Range(0, n).Select(_ => random.Next(3, 30)).ToArray()).ToArray(),
        tokenCounts.Select(_ => random.Next(4)).ToArray(),
        tokenCounts.Select((_, i) => i > 0 && random.Next(2) == 0).ToArray());
}
