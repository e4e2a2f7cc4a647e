namespace DialogueActs.Onnx;

/// <summary>
/// Groups texts of similar token length into model runs so that little padding is computed: the texts
/// sorted by length (stable), then cut into consecutive batches of at most <c>maxBatchSize</c> texts and at
/// most <c>maxBatchTokens</c> padded positions (a single text longer than that is a batch of its own).
/// </summary>
internal static class LengthBatches
{
    /// <summary>Batches of indices into <paramref name="lengths"/>, each ordered by length.</summary>
    public static List<int[]> Plan(IReadOnlyList<int> lengths, int maxBatchSize, int maxBatchTokens)
    {
        int[] order = Enumerable.Range(0, lengths.Count).OrderBy(i => lengths[i]).ToArray();
        var batches = new List<int[]>();
        int start = 0;
        while (start < order.Length)
        {
            int end = start + 1;
            // Sorted ascending, so the last text added sets the batch's padded length.
            while (end < order.Length && end - start < maxBatchSize && (long)(end - start + 1) * lengths[order[end]] <= maxBatchTokens)
            {
                end++;
            }
            batches.Add(order[start..end]);
            start = end;
        }
        return batches;
    }
}
