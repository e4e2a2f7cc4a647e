using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// Dropout (each element kept with probability <c>1 - rate</c> and scaled by <c>1 / (1 - rate)</c>, the identity in
/// evaluation) whose mask is drawn on managed threads from a counter-based generator instead of libtorch's
/// <c>bernoulli_</c>, which on CPUs other than Intel's runs one element at a time on one thread (a tenth of a
/// SwDA training step went there).
/// </summary>
/// <remarks>
/// Each call takes one 62-bit seed from torch's default generator, so <c>torch.manual_seed</c> and the generator state a
/// checkpoint saves still fix every mask. Element <c>i</c> is kept when the <c>i</c>-th 32-bit draw of SplitMix64 from
/// that seed is below <c>(1 - rate) · 2³²</c>: the mask does not depend on the thread count or the CPU.
/// </remarks>
internal sealed class ParallelDropout : nn.Module<Tensor, Tensor>
{
    /// <summary>Elements per parallel work item.</summary>
    private const int ChunkElements = 1 << 16;

    private readonly double _rate;

    /// <summary>Creates the module.</summary>
    /// <param name="rate">Probability of zeroing an element, in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside [0, 1).</exception>
    public ParallelDropout(double rate) : base(nameof(ParallelDropout))
    {
        if (!(rate >= 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be in [0, 1).");
        _rate = rate;
    }

    /// <summary>The input with dropout applied in training; the input unchanged (an alias) in evaluation.</summary>
    /// <param name="input">Any float tensor.</param>
    /// <returns>A tensor of the input's shape.</returns>
    public override Tensor forward(Tensor input)
    {
        if (!training || _rate == 0 || input.numel() == 0) return input.alias();
        using var scope = torch.NewDisposeScope();
        ulong seed = (ulong)torch.randint(0, 1L << 62, new long[] { 1 }, dtype: ScalarType.Int64).item<long>();
        var mask = Mask(checked((int)input.numel()), _rate, seed);
        var factor = torch.tensor(mask, input.shape).to_type(input.dtype);                          // input's shape
        return (input * factor).MoveToOuterDisposeScope();
    }

    /// <summary>The mask: <c>1 / (1 - rate)</c> where an element is kept, 0 elsewhere.</summary>
    /// <param name="count">Number of elements.</param>
    /// <param name="rate">Probability of zeroing an element.</param>
    /// <param name="seed">The call's seed.</param>
    internal static float[] Mask(int count, double rate, ulong seed)
    {
        var mask = GC.AllocateUninitializedArray<float>(count);
        uint threshold = (uint)Math.Min(uint.MaxValue, Math.Round((1 - rate) * 4294967296.0));
        float scale = (float)(1 / (1 - rate));
        int chunks = (count + ChunkElements - 1) / ChunkElements;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, torch.get_num_threads()) },
            chunk => Fill(mask, chunk * ChunkElements, Math.Min(count, (chunk + 1) * ChunkElements), threshold, scale, seed));
        return mask;
    }

    /// <summary>Fills <c>mask[start..end)</c>; <paramref name="start"/> is even, and element pair <c>k</c> reads draw <c>k</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fill(float[] mask, int start, int end, uint threshold, float scale, ulong seed)
    {
        for (int i = start; i < end; i += 2)
        {
            ulong draw = SplitMix64(seed + (ulong)(i / 2 + 1) * 0x9E3779B97F4A7C15UL);
            mask[i] = (uint)draw < threshold ? scale : 0f;
            if (i + 1 < end) mask[i + 1] = (uint)(draw >> 32) < threshold ? scale : 0f;
        }
    }

    /// <summary>SplitMix64's output function (Steele, Lea and Flood 2014) applied to a state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SplitMix64(ulong state)
    {
        state = (state ^ (state >> 30)) * 0xBF58476D1CE4E5B9UL;
        state = (state ^ (state >> 27)) * 0x94D049BB133111EBUL;
        return state ^ (state >> 31);
    }
}
