using DialogueActs.Data;
using DialogueActs.Inference;

namespace DialogueActs.Training.Evaluation;

/// <summary>
/// How an evaluation tagged its corpus: <see cref="Offline"/> (each conversation whole, as <see cref="IDialogueActTagger.TagMany"/>
/// does) or <see cref="Online"/> with a lag (each conversation streamed through a session one utterance at a time, as
/// <see cref="SessionReplay"/> does: what a live service sees). Written to <c>report.json</c> as <c>"mode"</c> and
/// <c>"lag"</c>, and stated in <c>report.md</c>.
/// </summary>
public sealed record EvaluationMode
{
    /// <summary>The <see cref="Name"/> of <see cref="Offline"/>.</summary>
    public const string OfflineName = "offline";

    /// <summary>The <see cref="Name"/> of an <see cref="Online"/> mode.</summary>
    public const string OnlineName = "online";

    private EvaluationMode(string name, int? lag)
    {
        Name = name;
        Lag = lag;
    }

    /// <summary>Each conversation tagged whole: the labels are its Viterbi path.</summary>
    public static EvaluationMode Offline { get; } = new(OfflineName, null);

    /// <summary>Each conversation streamed through a session with <paramref name="lag"/> (<see cref="SessionReplay"/>).</summary>
    /// <param name="lag">How many earlier utterances each new one may revise.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lag"/> is negative.</exception>
    public static EvaluationMode Online(int lag)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lag);
        return new(OnlineName, lag);
    }

    /// <summary><see cref="OfflineName"/> or <see cref="OnlineName"/>.</summary>
    public string Name { get; }

    /// <summary>The session lag of an online mode; null offline.</summary>
    public int? Lag { get; }

    /// <summary>Tags <paramref name="conversations"/> in this mode: whole with <see cref="IDialogueActTagger.TagMany"/>, or through sessions with <see cref="SessionReplay.Tag"/>.</summary>
    /// <returns>One tagged conversation per conversation, in input order.</returns>
    /// <exception cref="DialogueActsException">A conversation is empty or over the tagger's limit, or the mode is online and the model bidirectional.</exception>
    public IReadOnlyList<TaggedConversation> Tag(IDialogueActTagger tagger, IReadOnlyList<Conversation> conversations) =>
        Lag is int lag ? SessionReplay.Tag(tagger, conversations, lag) : tagger.TagMany(conversations);

    /// <summary>A sentence for a reader of the report: how the labels were decoded.</summary>
    public string Describe() => Lag switch
    {
        null => "Tagged offline: each conversation was tagged whole (its Viterbi path).",
        0 => $"Tagged online with lag 0: {Streamed}; each label is final when its utterance arrives.",
        int lag => $"Tagged online with lag {lag}: {Streamed}; a label is final once {lag} more utterance{(lag == 1 ? " has" : "s have")} arrived, "
                   + $"and the last {lag} of a conversation were revised when it ended.",
    };

    private const string Streamed = "each conversation was streamed through a session one utterance at a time, as a live service sees it";

    /// <summary><c>offline</c>, or <c>online, lag K</c>.</summary>
    public override string ToString() => Lag is int lag ? $"{OnlineName}, lag {lag}" : OfflineName;
}
