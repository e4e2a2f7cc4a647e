using System.Runtime.InteropServices;

namespace DialogueActs;

/// <summary>
/// Tunes glibc malloc for libtorch's allocation pattern when the process is not already running
/// under jemalloc: large tensors are served from the heap instead of fresh <c>mmap</c>s, and the heap
/// top is not trimmed after every free, so memory is reused rather than returned and faulted in
/// again. Applied once, before the first model is built. Set <c>DIALOGUE_ACTS_ALLOCATOR=system</c>
/// to leave malloc alone.
/// </summary>
public static class NativeMemory
{
    private const int MTrimThreshold = -1, MTopPad = -2, MMmapThreshold = -3;
    private static int _applied;

    /// <summary>Applies the tuning once per process; later calls do nothing.</summary>
    public static void Tune()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1 || !OperatingSystem.IsLinux()) return;
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

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}
