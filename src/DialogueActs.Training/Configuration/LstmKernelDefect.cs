namespace DialogueActs.Training.Configuration;

/// <summary>
/// The LSTM hidden sizes that libtorch's oneDNN LSTM kernel gets wrong on AVX-512 CPUs: measured with TorchSharp 0.107
/// against the textbook recurrence, every size from 1 to 136 whose remainder modulo 32 is 1 to 16 (and 200 and 300)
/// differed by up to 1.6, every other size agreed within 2e-6, and all agreed under <c>ONEDNN_MAX_CPU_ISA=AVX2</c>
/// (docs/reliability.md). A model of such a size tags differently on AVX-512 and AVX2 machines.
/// </summary>
internal static class LstmKernelDefect
{
    /// <summary>True when an LSTM of <paramref name="hidden"/> units per direction is computed wrongly on AVX-512.</summary>
    public static bool Affects(int hidden) => hidden % 32 is >= 1 and <= 16;

    /// <summary>Why such a size is refused, for an error after the JSON path.</summary>
    public static string Refusal(int hidden) =>
        $"{hidden} leaves a remainder of {hidden % 32} modulo 32: libtorch's LSTM computes wrong results for such sizes on AVX-512 CPUs " +
        $"(a remainder of 1 to 16; docs/reliability.md); use {hidden - hidden % 32 + 32} or another multiple of 32, or a size with a remainder of 17 to 31";
}
