namespace DialogueActs.Benchmarks;

/// <summary>
/// The machine a benchmark ran on, as the figures name it: the CPU's model name and instruction sets from
/// <c>/proc/cpuinfo</c>, and the logical cores the process sees.
/// </summary>
/// <param name="Model">The CPU's model name; "unknown" where <c>/proc/cpuinfo</c> does not give it.</param>
/// <param name="Flags">Those of <see cref="KernelFlags"/> the CPU has, in the order <c>/proc/cpuinfo</c> lists them.</param>
/// <param name="Cores">Logical cores the process sees.</param>
internal sealed record CpuDescription(string Model, IReadOnlyList<string> Flags, int Cores)
{
    /// <summary>The instruction sets that decide which kernels libtorch and oneDNN run: AVX2, AVX-512, VNNI, bfloat16, AMX.</summary>
    public static readonly IReadOnlyList<string> KernelFlags = ["avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16", "amx_tile"];

    /// <summary>This machine's CPU.</summary>
    public static CpuDescription OfThisMachine()
    {
        string[] cpuinfo;
        try
        {
            cpuinfo = File.ReadAllLines("/proc/cpuinfo");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            cpuinfo = [];
        }
        return Parse(cpuinfo, Environment.ProcessorCount);
    }

    /// <summary>The description in <paramref name="cpuinfo"/> (the lines of <c>/proc/cpuinfo</c>); its first processor counts.</summary>
    public static CpuDescription Parse(IEnumerable<string> cpuinfo, int cores)
    {
        string? model = null;
        string[]? flags = null;
        foreach (var line in cpuinfo)
        {
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            string key = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
            if (model is null && key == "model name") model = value;
            else if (flags is null && key == "flags") flags = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (model is not null && flags is not null) break;
        }
        return new CpuDescription(string.IsNullOrEmpty(model) ? "unknown" : model, (flags ?? []).Where(KernelFlags.Contains).ToArray(), cores);
    }
}
