using System.Runtime.InteropServices;

namespace DialogueActs;

/// <summary>
/// Process-wide native memory settings, applied once per process by <see cref="Tune"/> (the first call wins). No library
/// call tunes on its own (not <c>DialogueActTagger.Load</c>, not <c>Trainer.Run</c>): the process asks, before its first
/// model exists. Where it is asked: the <c>dialogue-acts</c> tool's batch commands (<see cref="AllocatorProfile.Training"/>),
/// and the hosting package's model loading when <c>DialogueActsOptions.TuneNativeMemory</c> is true, its default
/// (<see cref="AllocatorProfile.Serving"/>; <c>serve</c> goes through it). Any other program calls <c>NativeMemory.Tune</c>
/// itself at start-up, or keeps glibc's and oneDNN's defaults. The settings:
/// <list type="bullet">
/// <item>glibc malloc is tuned for libtorch's allocation pattern (unless the process runs under
/// jemalloc). <see cref="AllocatorProfile.Training"/>: large tensors come from the heap instead of fresh
/// <c>mmap</c>s, and the heap top is not trimmed after every free, so memory is reused rather than returned
/// and faulted in again. <see cref="AllocatorProfile.Serving"/>: blocks of 1 MiB and more are mapped and
/// returned when freed, and at most one malloc arena per core, because every arena keeps the peak of the
/// requests that ran in it; after a call of many utterances (<see cref="ServingTrimUtterances"/>) the free pages
/// of the heaps are returned with <c>malloc_trim</c>. Set <c>DIALOGUE_ACTS_ALLOCATOR=system</c> to leave malloc alone.</item>
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

    private const int MTrimThreshold = -1, MTopPad = -2, MMmapThreshold = -3, MArenaMax = -8;
    private static int _applied;

    /// <summary>
    /// The most malloc arenas under <see cref="AllocatorProfile.Serving"/>: one per core, at least 2 (glibc's
    /// default is 8 per core). In a 4-minute soak of <c>serve</c> (8 clients, 2 cores) with the training profile,
    /// 14 arenas held 1.1 GiB and resident memory climbed from 2.1 GiB at one minute to 2.8 GiB.
    /// </summary>
    public static int ServingArenas => Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// Under <see cref="AllocatorProfile.Serving"/>, blocks of this many bytes and more are mapped and unmapped
    /// (returned at once) rather than kept in the heaps. With glibc's adaptive threshold and 2 arenas, resident memory
    /// of <c>serve</c> still rose 17% between the second and the fifth minute of a soak; with 1 MiB it was flat (+0.2%).
    /// </summary>
    public const int ServingMmapThreshold = 1024 * 1024;

    /// <summary>
    /// Under <see cref="AllocatorProfile.Serving"/>, a tagging call of at least this many utterances in all is
    /// followed by <c>malloc_trim(0)</c>, which returns the free pages inside every arena's heaps to the system.
    /// glibc only shrinks a non-main arena's heap from its top, so the free memory left between live blocks by a
    /// long meeting's many small (&lt; 1 MiB) tensors otherwise stays resident.
    /// </summary>
    public const int ServingTrimUtterances = 1000;

    private static volatile bool _trimAfterLargeCalls;

    /// <summary>What the tuning did, e.g. <c>glibc, serving profile, at most 2 arenas</c>; null before <see cref="Tune"/>.</summary>
    public static string? Applied { get; private set; }

    /// <summary>Applies the tuning once per process; later calls do nothing.</summary>
    /// <param name="profile">
    /// <see cref="AllocatorProfile.Training"/> (the default) for training and batch jobs, or
    /// <see cref="AllocatorProfile.Serving"/> for a process that tags many concurrent requests; call it
    /// before the first model is built or loaded.
    /// </param>
    public static void Tune(AllocatorProfile profile = AllocatorProfile.Training)
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
        if (setting is "system" or "jemalloc")
        {
            Applied = $"left alone (DIALOGUE_ACTS_ALLOCATOR={setting})";
            return;
        }
        if ((Environment.GetEnvironmentVariable("LD_PRELOAD") ?? "").Contains("jemalloc", StringComparison.Ordinal))
        {
            Applied = "left alone (jemalloc preloaded)";
            return;
        }
        try
        {
            if (profile == AllocatorProfile.Serving)
            {
                // A fixed threshold also stops glibc raising it (up to 32 MiB) each time a large block is freed,
                // which let tensor-sized blocks stay in the heaps, fragmented, between requests.
                Mallopt(MMmapThreshold, ServingMmapThreshold);
                Mallopt(MArenaMax, ServingArenas);
                _trimAfterLargeCalls = true;
                Applied = $"glibc, serving profile, blocks of {ServingMmapThreshold / 1024} KiB and more mmapped, at most {ServingArenas} arenas, trimmed after calls of {ServingTrimUtterances} utterances and more";
                return;
            }
            Mallopt(MMmapThreshold, 32 * 1024 * 1024);   // the largest glibc allows on 64-bit
            Mallopt(MTrimThreshold, 512 * 1024 * 1024);
            Mallopt(MTopPad, 64 * 1024 * 1024);
            Applied = "glibc, training profile";
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            Applied = "left alone (not glibc)";
            // Not glibc (for example musl): nothing to tune.
        }
    }

    /// <summary>
    /// Called after a tagging call of <paramref name="utterances"/> utterances: under the serving profile, returns
    /// the free pages of glibc's heaps to the system after a large call (see <see cref="ServingTrimUtterances"/>).
    /// </summary>
    internal static void AfterTagging(int utterances)
    {
        if (!_trimAfterLargeCalls || utterances < ServingTrimUtterances) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _trimAfterLargeCalls = false;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}
