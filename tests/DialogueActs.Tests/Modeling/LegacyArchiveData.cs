using DialogueActs.Data;
using DialogueActs.Modeling;

namespace DialogueActs.Tests.Modeling;

/// <summary>The conversations and sizes of the legacy archive fixture (<see cref="LegacyArchive"/>).</summary>
internal static class LegacyArchiveData
{
    public static ModelOptions Options() => new()
    {
        EmbeddingDim = 6,
        UtteranceHidden = 24,
        ConversationHidden = 24,
        Dropout = 0.1,
        MaxPooling = true,
        SpeakerFeature = true,
        SpeakerWindow = 2,
        CharacterFilters = 3,
        CharacterEmbeddingDim = 2,
    };

    public static Conversation[] Conversations() =>
    [
        new("first", [
            new("A", "hello there, how are you doing today?", null),
            new("B", "fine thanks", null),
            new("B", "and you?", null),
            new("A", "uh-huh", null),
            new("A", "I was wonder- wondering about the weather", null),
            new("B", "it's raining again", null),
        ]),
        new("second", [
            new("X", "okay", null),
            new("Y", "right, so what do we do next", null),
            new("Z", "yeah", null),
            new("X", "let's start with the budget report", null),
        ]),
        new("third", [new(null, "", null), new(null, "Ünïcode wörds and 42 numbers!", null)]),
    ];
}
