using System.Diagnostics;

namespace DialogueActs.Benchmarks;

/// <summary>How the benchmarks time work: each run on its own stopwatch, and medians of repeated runs.</summary>
internal static class Timing
{
    /// <summary>The seconds <paramref name="work"/> takes.</summary>
    public static double Seconds(Action work)
    {
        var clock = Stopwatch.StartNew();
        work();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>The milliseconds <paramref name="work"/> takes.</summary>
    public static double Milliseconds(Action work)
    {
        var clock = Stopwatch.StartNew();
        work();
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// Runs <paramref name="work"/> <paramref name="warmups"/> times untimed, then <paramref name="calls"/> times timed,
    /// and returns the median call in milliseconds.
    /// </summary>
    public static double MedianMilliseconds(Action work, int warmups, int calls)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        for (int i = 0; i < warmups; i++) work();
        var milliseconds = new double[calls];
        for (int i = 0; i < calls; i++) milliseconds[i] = Milliseconds(work);
        return Median(milliseconds);
    }

    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
