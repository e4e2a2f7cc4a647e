using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// Reverses each sequence of a padded batch within its own length, leaving padding in place. Both
/// encoders use it to run their backward LSTM layer as a dense, unpacked call that padding cannot reach.
/// </summary>
internal static class SequenceReversal
{
    /// <summary>For each sequence, positions reversed within its length; padding positions map to themselves. <c>[N, T]</c>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops run a few times per call: skip the unoptimised first tier
    public static Tensor Index(long[] lengths, long steps)
    {
        var index = new long[lengths.Length * steps];
        for (int n = 0; n < lengths.Length; n++)
            for (long t = 0; t < steps; t++)
                index[n * steps + t] = t < lengths[n] ? lengths[n] - 1 - t : t;
        return torch.tensor(index, new[] { lengths.Length, steps });                                       // [N, T]
    }

    /// <summary>Reorders time steps: <c>result[n, t] = x[n, index[n, t]]</c>.</summary>
    /// <param name="x"><c>[N, T, D]</c>.</param>
    /// <param name="index">From <see cref="Index"/>, <c>[N, T]</c>.</param>
    public static Tensor Apply(Tensor x, Tensor index) =>
        x.gather(1, index.unsqueeze(2).expand(-1, -1, x.shape[2]));                                        // [N, T, D]
}
