using System.Runtime.Intrinsics.X86;

namespace DialogueActs;

/// <summary>What this process's CPU offers the tagger, read once at run time.</summary>
public static class CpuFeatures
{
    /// <summary>oneDNN instruction-set caps (<c>ONEDNN_MAX_CPU_ISA</c>) that still include bfloat16 instructions.</summary>
    private static readonly string[] BFloat16Caps =
    [
        "ALL", "DEFAULT", "AVX512_CORE_BF16", "AVX512_CORE_FP16", "AVX512_CORE_AMX", "AVX512_CORE_AMX_FP16",
        "AVX10_1_512", "AVX10_1_512_AMX", "AVX10_1_512_AMX_FP16", "AVX10_2_512", "AVX10_2_512_AMX_2",
    ];

    private static readonly Lazy<bool> _fastBFloat16 = new(DetectFastBFloat16);

    /// <summary>
    /// True when the CPU computes bfloat16 products natively (AVX512_BF16 or AMX-BF16, with AVX-512 enabled by the
    /// operating system) and <c>ONEDNN_MAX_CPU_ISA</c> does not cap oneDNN below them. Elsewhere bfloat16 would be
    /// emulated, slower than float32.
    /// </summary>
    public static bool HasFastBFloat16 => _fastBFloat16.Value;

    private static bool DetectFastBFloat16() =>
        Decide(CpuHasBFloat16(), Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA") ?? Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA"));

    /// <summary>The rule of <see cref="HasFastBFloat16"/>: the CPU has bfloat16 instructions and the oneDNN cap, if any, keeps them.</summary>
    /// <param name="cpuHasBFloat16">AVX512_BF16 or AMX-BF16 present and AVX-512 enabled.</param>
    /// <param name="cap">The value of <c>ONEDNN_MAX_CPU_ISA</c>, or null.</param>
    internal static bool Decide(bool cpuHasBFloat16, string? cap) =>
        cpuHasBFloat16 && (string.IsNullOrWhiteSpace(cap) || BFloat16Caps.Contains(cap.Trim().ToUpperInvariant()));

    private static bool CpuHasBFloat16()
    {
        if (!X86Base.IsSupported || !Avx512F.IsSupported || !Avx512BW.IsSupported) return false;
        var (maxLeaf, _, _, _) = X86Base.CpuId(0, 0);
        if (maxLeaf < 7) return false;
        var (_, _, _, edx) = X86Base.CpuId(7, 0);
        bool amxBf16 = (edx & (1 << 22)) != 0;                                                             // CPUID.(7,0):EDX[22] AMX-BF16
        var (eax, _, _, _) = X86Base.CpuId(7, 1);
        bool avx512Bf16 = (eax & (1 << 5)) != 0;                                                           // CPUID.(7,1):EAX[5] AVX512_BF16
        return avx512Bf16 || amxBf16;
    }
}
