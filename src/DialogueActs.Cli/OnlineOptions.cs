using System.CommandLine;
using DialogueActs.Training.Evaluation;

namespace DialogueActs.Cli;

/// <summary>
/// <c>--online</c> and <c>--lag K</c> of <c>evaluate</c> and <c>predict</c>: replay each conversation through a session one
/// utterance at a time (<see cref="Inference.SessionReplay"/>), as a live service sees it, instead of tagging it whole.
/// </summary>
internal sealed class OnlineOptions
{
    /// <summary>The lag of <c>--online</c> without <c>--lag</c>: no revisions, as <see cref="Inference.IDialogueActTagger.StartSession"/> by default.</summary>
    public const int DefaultLag = 0;

    /// <summary><c>--online</c>.</summary>
    public Option<bool> Online { get; } = new("--online")
    {
        Description = "Tag as a live service does: stream each conversation through a session one utterance at a time (needs a causal model, model.conversationDirection \"forward\").",
    };

    /// <summary><c>--lag</c>; null when not given.</summary>
    public Option<int?> Lag { get; } = new("--lag")
    {
        Description = $"With --online: how many earlier utterances each new one may revise; a label is final once this many more have arrived, the last ones are revised when the conversation ends (default {DefaultLag}).",
    };

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Online);
        command.Options.Add(Lag);
    }

    /// <summary>The mode the options ask for.</summary>
    /// <exception cref="DialogueActsException"><c>--lag</c> without <c>--online</c>, or a negative lag.</exception>
    public EvaluationMode Read(ParseResult parse)
    {
        int? lag = parse.GetValue(Lag);
        if (!parse.GetValue(Online))
        {
            if (lag is not null) throw new DialogueActsException("--lag: needs --online");
            return EvaluationMode.Offline;
        }
        if (lag < 0) throw new DialogueActsException($"--lag: must be at least 0, got {lag}");
        return EvaluationMode.Online(lag ?? DefaultLag);
    }
}
