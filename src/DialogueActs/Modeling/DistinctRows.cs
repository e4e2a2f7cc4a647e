using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// Finds the distinct utterances of a batch: rows equal in every word feature's input and in length. The utterance
/// encoder encodes each distinct row once when no gradient is recorded (many utterances repeat: "uh-huh", "yeah").
/// </summary>
internal static class DistinctRows
{
    /// <summary>The first row of each distinct value, in order, and for every row the position of its value among them.</summary>
    /// <param name="inputs">The word features' inputs, each <c>[U, L, ...]</c>.</param>
    /// <param name="lengths">The rows' token counts, <c>[U]</c>.</param>
    /// <returns><c>Firsts</c>: row indices, ascending; <c>Expand</c>: <c>[U]</c> positions into <c>Firsts</c>.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops run a few times per call: skip the unoptimised first tier
    public static (long[] Firsts, long[] Expand) Find(IReadOnlyList<Tensor> inputs, long[] lengths)
    {
        int rows = lengths.Length;
        var bytes = new byte[inputs.Count][];
        var rowSizes = new int[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            using var contiguous = inputs[i].contiguous();
            bytes[i] = contiguous.bytes.ToArray();
            rowSizes[i] = rows == 0 ? 0 : bytes[i].Length / rows;
        }
        var comparer = new RowComparer(bytes, rowSizes, lengths);
        var seen = new Dictionary<int, int>(rows, comparer);
        var firsts = new List<long>();
        var expand = new long[rows];
        for (int row = 0; row < rows; row++)
        {
            if (!seen.TryGetValue(row, out int position))
            {
                position = firsts.Count;
                seen.Add(row, position);
                firsts.Add(row);
            }
            expand[row] = position;
        }
        return (firsts.ToArray(), expand);
    }

    /// <summary>Compares rows by length and by the bytes of every input's row.</summary>
    private sealed class RowComparer(byte[][] bytes, int[] rowSizes, long[] lengths) : IEqualityComparer<int>
    {
        public bool Equals(int a, int b)
        {
            if (lengths[a] != lengths[b]) return false;
            for (int i = 0; i < bytes.Length; i++)
                if (!Row(i, a).SequenceEqual(Row(i, b))) return false;
            return true;
        }

        public int GetHashCode(int row)
        {
            var hash = new HashCode();
            hash.Add(lengths[row]);
            for (int i = 0; i < bytes.Length; i++) hash.AddBytes(Row(i, row));
            return hash.ToHashCode();
        }

        private ReadOnlySpan<byte> Row(int input, int row) => bytes[input].AsSpan(row * rowSizes[input], rowSizes[input]);
    }
}
