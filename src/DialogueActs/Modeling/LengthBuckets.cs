namespace DialogueActs.Modeling;

/// <summary>
/// Groups sequences of similar length so an LSTM runs one dense, unpacked call per group: few padded positions,
/// few calls. Both encoders use it; each group is exact because their LSTMs never let padding reach a real position.
/// </summary>
internal static class LengthBuckets
{
    /// <summary>
    /// Splits lengths sorted ascending into contiguous buckets, minimising padded positions plus a fixed
    /// cost per time step, <paramref name="stepCost"/> positions (dynamic programming over distinct lengths).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops run a few times per call: skip the unoptimised first tier
    public static List<(int Start, int Count)> Split(long[] sortedLengths, int stepCost)
    {
        var ends = new List<int>();                                                                        // exclusive end of each distinct length's run
        for (int i = 1; i <= sortedLengths.Length; i++)
            if (i == sortedLengths.Length || sortedLengths[i] != sortedLengths[i - 1]) ends.Add(i);
        int runs = ends.Count;
        var best = new double[runs + 1];
        var choice = new int[runs + 1];
        for (int j = 1; j <= runs; j++)
        {
            best[j] = double.PositiveInfinity;
            long width = sortedLengths[ends[j - 1] - 1];
            for (int i = 0; i < j; i++)
            {
                int count = ends[j - 1] - (i == 0 ? 0 : ends[i - 1]);
                double cost = best[i] + width * ((double)count + stepCost);
                if (cost < best[j]) { best[j] = cost; choice[j] = i; }
            }
        }
        var buckets = new List<(int, int)>();
        for (int j = runs; j > 0; j = choice[j])
        {
            int start = choice[j] == 0 ? 0 : ends[choice[j] - 1];
            buckets.Add((start, ends[j - 1] - start));
        }
        buckets.Reverse();
        return buckets;
    }
}
