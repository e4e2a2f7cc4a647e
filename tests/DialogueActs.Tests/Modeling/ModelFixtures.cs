using DialogueActs.Modeling;

namespace DialogueActs.Tests.Modeling;

/// <summary>Small random models and conversations for the model tests.</summary>
internal static class ModelFixtures
{
    public static ModelOptions SmallOptions(bool crf = true, bool conversationLstm = true, bool speaker = false,
        int speakerWindow = 1, bool maxPooling = false) => new()
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
        SpeakerWindow = speakerWindow,
        MaxPooling = maxPooling,
    };

    /// <summary>A conversation with the given utterance token counts, random token ids in 3..29, random labels and random speakers 0..2.</summary>
    public static EncodedConversation Conversation(string id, Random random, params int[] tokenCounts) => new(
        id,
        tokenCounts.Select(n => Enumerable.Range(0, n).Select(_ => random.Next(3, 30)).ToArray()).ToArray(),
        tokenCounts.Select(_ => random.Next(4)).ToArray(),
        tokenCounts.Select(_ => random.Next(3)).ToArray());
}
