using System.Runtime.InteropServices;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Training;

namespace DialogueActs.Benchmarks;

/// <summary>What <see cref="SessionMemory.Measure"/> found.</summary>
/// <param name="Sessions">Sessions held open.</param>
/// <param name="UtterancesPerSession">Utterances added to each.</param>
/// <param name="RssBefore">Resident memory (VmRSS) before opening them, bytes, after a full garbage collection and a malloc trim.</param>
/// <param name="RssAfter">Resident memory with all of them open, bytes, after a full garbage collection and a malloc trim.</param>
/// <param name="ManagedBefore">Managed heap (<see cref="GC.GetTotalMemory"/>) before, bytes.</param>
/// <param name="ManagedAfter">Managed heap with all of them open, bytes.</param>
/// <param name="NativeBefore">Native heap in use (glibc <c>mallinfo2</c>: allocated chunks plus mmapped blocks, all arenas) before, bytes; -1 without glibc.</param>
/// <param name="NativeAfter">Native heap in use with all of them open, bytes.</param>
public sealed record MemoryRun(int Sessions, int UtterancesPerSession, long RssBefore, long RssAfter, long ManagedBefore, long ManagedAfter,
    long NativeBefore, long NativeAfter)
{
    /// <summary>Native heap in use per open session, bytes (libtorch's tensors are allocated with malloc).</summary>
    public double NativePerSession => (double)(NativeAfter - NativeBefore) / Sessions;

    /// <summary>Managed plus native heap in use per open session, bytes: what a session holds, without the allocator's free pages.</summary>
    public double HeldPerSession => ManagedPerSession + NativePerSession;

    /// <summary>Open sessions whose held memory (<see cref="HeldPerSession"/>) fits in 1 GiB.</summary>
    public double HeldSessionsPerGib => HeldPerSession > 0 ? (1L << 30) / HeldPerSession : double.NaN;

    /// <summary>Resident memory per open session, bytes.</summary>
    public double RssPerSession => (double)(RssAfter - RssBefore) / Sessions;

    /// <summary>Managed memory per open session, bytes.</summary>
    public double ManagedPerSession => (double)(ManagedAfter - ManagedBefore) / Sessions;

    /// <summary>Open sessions that fit in 1 GiB of resident memory at <see cref="RssPerSession"/>; NaN when it did not grow.</summary>
    public double SessionsPerGib => RssPerSession > 0 ? (1L << 30) / RssPerSession : double.NaN;
}

/// <summary>
/// Measures the memory that open sessions hold: opens many sessions, adds a few utterances to each (taken from the
/// corpus round-robin), keeps them all open, and compares resident and managed memory before and after.
/// </summary>
public static class SessionMemory
{
    /// <summary>Opens <paramref name="sessions"/> sessions of <paramref name="utterancesPerSession"/> utterances, measures, then disposes them.</summary>
    /// <param name="tagger">A tagger over a causal model.</param>
    /// <param name="corpus">Where the utterances come from, in order, round-robin.</param>
    /// <param name="lag">The sessions' lag.</param>
    /// <param name="sessions">Sessions to hold open.</param>
    /// <param name="utterancesPerSession">Utterances added to each.</param>
    public static MemoryRun Measure(IDialogueActTagger tagger, IReadOnlyList<Conversation> corpus, int lag, int sessions, int utterancesPerSession)
    {
        var utterances = corpus.SelectMany(c => c.Utterances).ToArray();
        var (rssBefore, managedBefore) = Settle();
        long nativeBefore = NativeInUse();
        var open = new List<IDialogueActSession>(sessions);
        try
        {
            int next = 0;
            for (int s = 0; s < sessions; s++)
            {
                var session = tagger.StartSession(lag);
                open.Add(session);
                for (int i = 0; i < utterancesPerSession; i++, next++)
                {
                    var u = utterances[next % utterances.Length];
                    session.Add(u.Speaker, u.Text);
                }
            }
            var (rssAfter, managedAfter) = Settle();
            long nativeAfter = NativeInUse();
            GC.KeepAlive(open);
            return new MemoryRun(sessions, utterancesPerSession, rssBefore, rssAfter, managedBefore, managedAfter, nativeBefore, nativeAfter);
        }
        finally
        {
            foreach (var session in open) session.Dispose();
        }
    }

    /// <summary>
    /// Resident and managed memory after a full, compacting garbage collection (finalizers run) and <c>malloc_trim(0)</c>:
    /// without the trim, the pages that the latency run freed stay resident in malloc's heaps, the sessions reuse them,
    /// and resident memory can even fall while they are opened.
    /// </summary>
    private static (long Rss, long Managed) Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        long managed = GC.GetTotalMemory(forceFullCollection: true);
        try
        {
            MallocTrim(0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: nothing to trim.
        }
        return ((long)(ProcessMemory.CurrentRssMib() * 1024 * 1024), managed);
    }

    /// <summary>Bytes in use in glibc's heap: allocated chunks (<c>uordblks</c>) plus mmapped blocks (<c>hblkhd</c>), over all arenas; -1 without glibc.</summary>
    private static long NativeInUse()
    {
        try
        {
            var info = MallInfo2();
            return (long)(info.Uordblks + info.Hblkhd);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo MallInfo2();

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
