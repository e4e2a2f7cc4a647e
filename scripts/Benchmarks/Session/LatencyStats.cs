using DialogueActs.LoadTest;

namespace DialogueActs.Benchmarks;

/// <summary>The latency of one stretch of a conversation: positions <paramref name="From"/> to <paramref name="To"/> (exclusive).</summary>
/// <param name="From">First position (utterance index, from 0).</param>
/// <param name="To">One past the last position.</param>
/// <param name="P50">Median latency, ms.</param>
/// <param name="P99">99th percentile latency, ms.</param>
public sealed record LatencyStretch(int From, int To, double P50, double P99);

/// <summary>
/// Summary of per-utterance latencies in conversation order: nearest-rank percentiles, the same per tenth of the
/// conversation by position, and the least-squares slope of latency against position (does it grow along the meeting?).
/// </summary>
/// <param name="Count">Utterances timed.</param>
/// <param name="P50">Median, ms.</param>
/// <param name="P90">90th percentile, ms.</param>
/// <param name="P99">99th percentile, ms.</param>
/// <param name="Max">Slowest, ms.</param>
/// <param name="Mean">Mean, ms.</param>
/// <param name="Tenths">P50 and P99 of each tenth of the conversation, first to last (fewer when it has under 10 utterances).</param>
/// <param name="SlopeMsPer1000">Slope of the least-squares line of latency against position, ms per 1,000 utterances; NaN under 2 utterances.</param>
public sealed record LatencyStats(int Count, double P50, double P90, double P99, double Max, double Mean,
    IReadOnlyList<LatencyStretch> Tenths, double SlopeMsPer1000)
{
    /// <summary>Parts the conversation is cut into by position.</summary>
    public const int Parts = 10;

    /// <summary>Summarises <paramref name="milliseconds"/>, the latency of each utterance in conversation order.</summary>
    public static LatencyStats Of(IReadOnlyList<double> milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(milliseconds.Count);
        int n = milliseconds.Count;
        var sorted = milliseconds.Order().ToArray();
        var tenths = new List<LatencyStretch>();
        for (int part = 0; part < Parts; part++)
        {
            int from = part * n / Parts, to = (part + 1) * n / Parts;
            if (to == from) continue;
            var stretch = milliseconds.Skip(from).Take(to - from).Order().ToArray();
            tenths.Add(new LatencyStretch(from, to, Percentiles.Of(stretch, 50), Percentiles.Of(stretch, 99)));
        }
        return new LatencyStats(n, Percentiles.Of(sorted, 50), Percentiles.Of(sorted, 90), Percentiles.Of(sorted, 99), sorted[^1],
            milliseconds.Average(), tenths, 1000 * Slope(milliseconds));
    }

    /// <summary>Least-squares slope of y[i] against i; NaN for fewer than two points.</summary>
    private static double Slope(IReadOnlyList<double> y)
    {
        int n = y.Count;
        if (n < 2) return double.NaN;
        double meanX = (n - 1) / 2.0, meanY = y.Average(), covariance = 0, variance = 0;
        for (int i = 0; i < n; i++)
        {
            covariance += (i - meanX) * (y[i] - meanY);
            variance += (i - meanX) * (i - meanX);
        }
        return covariance / variance;
    }
}
