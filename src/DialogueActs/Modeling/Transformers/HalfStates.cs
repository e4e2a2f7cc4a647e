using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace DialogueActs.Modeling.Transformers;

/// <summary>
/// Float16 state vectors (what the transformer features keep per text) to and from float32 tensors, through the
/// tensors' own memory: no large managed arrays per batch, so batches do not feed the garbage collector.
/// </summary>
internal static class HalfStates
{
    /// <summary>A zero float32 tensor of <paramref name="shape"/>, filled by <paramref name="fill"/> through its memory.</summary>
    public static Tensor Build(long[] shape, Action<Span<float>> fill)
    {
        var result = zeros(shape, ScalarType.Float32);
        try
        {
            fill(MemoryMarshal.Cast<byte, float>(result.bytes));
        }
        catch
        {
            result.Dispose();
            throw;
        }
        return result;
    }

    /// <summary>The values of a contiguous float32 tensor, read through its memory (valid while it lives).</summary>
    public static ReadOnlySpan<float> Read(Tensor contiguous)
    {
        if (contiguous.dtype != ScalarType.Float32 || !contiguous.is_contiguous())
            throw new ArgumentException("Expected a contiguous float32 tensor.", nameof(contiguous));
        return MemoryMarshal.Cast<byte, float>(contiguous.bytes);
    }

    /// <summary>Copies float16 values into float32 ones.</summary>
    public static void Widen(ReadOnlySpan<Half> source, Span<float> target)
    {
        for (int i = 0; i < source.Length; i++) target[i] = (float)source[i];
    }

    /// <summary>Copies float32 values into new float16 ones.</summary>
    public static Half[] Narrow(ReadOnlySpan<float> source)
    {
        var result = new Half[source.Length];
        for (int i = 0; i < source.Length; i++) result[i] = (Half)source[i];
        return result;
    }
}
