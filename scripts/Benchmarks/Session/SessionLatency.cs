using System.Diagnostics;
using DialogueActs.Data;
using DialogueActs.Inference;

namespace DialogueActs.Benchmarks;

/// <summary>What <see cref="SessionLatency.Measure"/> timed.</summary>
/// <param name="ConversationId">The conversation streamed (the corpus's longest).</param>
/// <param name="WarmupUtterances">Untimed utterances streamed first, through other sessions.</param>
/// <param name="Milliseconds">The time of each <see cref="IDialogueActSession.Add"/>, in conversation order.</param>
/// <param name="EndMilliseconds">The time of the closing <see cref="IDialogueActSession.End"/>.</param>
public sealed record LatencyRun(string ConversationId, int WarmupUtterances, IReadOnlyList<double> Milliseconds, double EndMilliseconds);

/// <summary>
/// Streams the corpus's longest conversation through one session one utterance at a time, as a live service does,
/// and times every <see cref="IDialogueActSession.Add"/>.
/// </summary>
public static class SessionLatency
{
    /// <summary>Untimed utterances streamed first, from another conversation (the longest other one), in a session of their own.</summary>
    public const int WarmupUtterances = 50;

    /// <summary>
    /// The warm-up repeats its session until this much time has passed, so that the JIT has recompiled the hot methods
    /// (tiered compilation promotes a method after 30 calls and a 100 ms delay) before the timed utterances.
    /// </summary>
    public static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(2);

    /// <summary>Runs the warm-up, then the timed conversation.</summary>
    /// <param name="tagger">A tagger over a causal model.</param>
    /// <param name="corpus">The conversations; the longest is timed.</param>
    /// <param name="lag">The sessions' lag.</param>
    public static LatencyRun Measure(IDialogueActTagger tagger, IReadOnlyList<Conversation> corpus, int lag)
    {
        var longest = corpus.MaxBy(c => c.Utterances.Count)!;
        var warmup = corpus.Where(c => !ReferenceEquals(c, longest)).MaxBy(c => c.Utterances.Count) ?? longest;   // the same one when it is alone
        var warmupUtterances = warmup.Utterances.Take(WarmupUtterances).ToArray();
        int warmedUp = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            using var session = tagger.StartSession(lag);
            foreach (var u in warmupUtterances) session.Add(u.Speaker, u.Text);
            session.End();
            warmedUp += warmupUtterances.Length;
        }
        while (clock.Elapsed < WarmupTime);

        var milliseconds = new double[longest.Utterances.Count];
        using (var session = tagger.StartSession(lag))
        {
            for (int i = 0; i < milliseconds.Length; i++)
            {
                var u = longest.Utterances[i];
                milliseconds[i] = Timing.Milliseconds(() => session.Add(u.Speaker, u.Text));
            }
            double end = Timing.Milliseconds(() => session.End());
            return new LatencyRun(longest.Id, warmedUp, milliseconds, end);
        }
    }
}
