using System.Runtime.InteropServices;

namespace DialogueActs;

/// <summary>
/// Process-wide native memory settings, applied once before the first model is built:
/// <list type="bullet">
/// <item>glibc malloc is tuned for libtorch's allocation pattern (unless the process runs under
/// jemalloc): large tensors come from the heap instead of fresh <c>mmap</c>s, and the heap top is not
/// trimmed after every free, so memory is reused rather than returned and faulted in again. Set
/// <c>DIALOGUE_ACTS_ALLOCATOR=system</c> to leave malloc alone.</item>
/// <item>oneDNN's primitive cache is bounded to <see cref="PrimitiveCacheCapacity"/> entries (unless
/// <c>ONEDNN_PRIMITIVE_CACHE_CAPACITY</c> is already set). Batches of varying shapes would otherwise
/// fill the default 1,024-entry cache with per-shape kernels and workspaces: resident memory grew from
/// 1.7 to 2.9 GiB over 12 SwDA epochs.</item>
/// </list>
/// </summary>
public static class NativeMemory
{
    /// <summary>oneDNN primitive cache entries kept (64 kept resident memory flat over 200 varied training batches; it cost about 8% of training speed).</summary>
    public const int PrimitiveCacheCapacity = 64;

    private const int MTrimThreshold = -1, MTopPad = -2, MMmapThreshold = -3;
    private static int _applied;

    /// <summary>Applies the tuning once per process; later calls do nothing.</summary>
    public static void Tune()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1 || !OperatingSystem.IsLinux()) return;
        try
        {
            // oneDNN reads this when it creates its first primitive; .NET's own environment copy is not what native code sees.
            SetEnv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", PrimitiveCacheCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture), overwrite: 0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
        }
        string? setting = Environment.GetEnvironmentVariable("DIALOGUE_ACTS_ALLOCATOR");
        if (setting is "system" or "jemalloc") return;
        if ((Environment.GetEnvironmentVariable("LD_PRELOAD") ?? "").Contains("jemalloc", StringComparison.Ordinal)) return;
        try
        {
            Mallopt(MMmapThreshold, 32 * 1024 * 1024);   // the largest glibc allows on 64-bit
            Mallopt(MTrimThreshold, 512 * 1024 * 1024);
            Mallopt(MTopPad, 64 * 1024 * 1024);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (for example musl): nothing to tune.
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}
