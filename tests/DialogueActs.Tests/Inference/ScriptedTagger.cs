using DialogueActs.Data;
using DialogueActs.Inference;

namespace DialogueActs.Tests.Inference;

/// <summary>
/// A tagger whose one session gives scripted answers: the <c>i</c>th <see cref="IDialogueActSession.Add"/> returns
/// <c>adds[i]</c>, <see cref="IDialogueActSession.End"/> returns <c>end</c>. It records what the session was asked.
/// </summary>
internal sealed class ScriptedTagger(IReadOnlyList<SessionTag> adds, IReadOnlyList<RevisedTag> end) : IDialogueActTagger
{
    private readonly IReadOnlyList<SessionTag> _adds = adds;
    private readonly IReadOnlyList<RevisedTag> _end = end;

    public List<(string? Speaker, string Text)> Added { get; } = new();
    public int? Lag { get; private set; }
    public bool Ended { get; private set; }
    public bool Disposed { get; private set; }

    public IReadOnlyList<string> Labels { get; } = ["a", "b", "c"];
    public ModelMetadata Metadata { get; } = new();

    public LabelGlossary Glossary => LabelGlossary.Empty;

    public double Temperature => TemperatureScaling.Identity;
    public TaggedConversation Tag(Conversation conversation) => throw new NotSupportedException();
    public IReadOnlyList<TaggedConversation> TagMany(IReadOnlyList<Conversation> conversations) => throw new NotSupportedException();

    public IDialogueActSession StartSession(int lag = 0)
    {
        Lag = lag;
        return new Session(this, lag);
    }

    private sealed class Session(ScriptedTagger owner, int lag) : IDialogueActSession
    {
        public int Lag => lag;
        public int Count => owner.Added.Count;

        public SessionTag Add(string? speaker, string text)
        {
            owner.Added.Add((speaker, text));
            return owner._adds[owner.Added.Count - 1];
        }

        public IReadOnlyList<RevisedTag> End()
        {
            owner.Ended = true;
            return owner._end;
        }

        public void Dispose() => owner.Disposed = true;
    }
}
