using System.Numerics;

namespace DialogueActs.Inference;

/// <summary>The rule for an utterance's top labels, shared by whole-conversation tagging and sessions.</summary>
internal static class TopLabels
{
    /// <summary>
    /// The indices of the <paramref name="k"/> highest probabilities, highest first; equal probabilities in index order.
    /// One pass with a small sorted buffer: k is a handful, the labels a few dozen.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int[] Indices<T>(ReadOnlySpan<T> probabilities, int k) where T : INumber<T>
    {
        k = Math.Min(k, probabilities.Length);
        var top = new int[k];
        int filled = 0;
        for (int label = 0; label < probabilities.Length; label++)
        {
            var p = probabilities[label];
            if (filled == k && p <= probabilities[top[k - 1]]) continue;                                    // ties keep the lower index
            int position = filled < k ? filled++ : k - 1;
            while (position > 0 && p > probabilities[top[position - 1]])
            {
                top[position] = top[position - 1];
                position--;
            }
            top[position] = label;
        }
        return top;
    }
}
