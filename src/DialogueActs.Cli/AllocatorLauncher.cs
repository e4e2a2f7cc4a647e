using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DialogueActs.Cli;

/// <summary>
/// Start-up code that runs the tool under jemalloc when the system has it. On this class of VM page
/// faults are expensive, and libtorch's many short-lived tensors make glibc malloc return and
/// re-fault memory constantly; jemalloc keeps freed pages for reuse. The process re-executes itself
/// once with <c>LD_PRELOAD</c> and a bounded decay (memory is returned after
/// <see cref="DecayMilliseconds"/> of disuse, so it cannot grow without bound). Set
/// <c>DIALOGUE_ACTS_ALLOCATOR=system</c> to opt out; without jemalloc the library's glibc tuning applies.
/// </summary>
internal static class AllocatorLauncher
{
    /// <summary>How long jemalloc keeps unused dirty pages before returning them.</summary>
    public const int DecayMilliseconds = 30_000;

    private const string GuardVariable = "DIALOGUE_ACTS_ALLOCATOR";
    private static readonly string[] Candidates =
    {
        "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2", "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2",
        "/usr/lib64/libjemalloc.so.2", "/usr/lib/libjemalloc.so.2", "/usr/local/lib/libjemalloc.so.2",
    };

    /// <summary>Runs the tool again under jemalloc and returns its exit code, or null to carry on in this process.</summary>
    public static int? RelaunchIfUseful(string[] args)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(GuardVariable) is not null) return null;
        string? preload = Environment.GetEnvironmentVariable("LD_PRELOAD");
        if (preload is not null && preload.Contains("jemalloc", StringComparison.Ordinal)) return null;
        string? library = Candidates.FirstOrDefault(File.Exists);
        string? processPath = Environment.ProcessPath;
        if (library is null || processPath is null) return null;

        var start = new ProcessStartInfo(processPath) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet") start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["LD_PRELOAD"] = string.IsNullOrEmpty(preload) ? library : library + ":" + preload;
        start.Environment["MALLOC_CONF"] = $"dirty_decay_ms:{DecayMilliseconds},muzzy_decay_ms:{DecayMilliseconds}";
        start.Environment[GuardVariable] = "jemalloc";

        Process child;
        try
        {
            child = Process.Start(start)!;
        }
        catch (Exception)
        {
            return null; // carry on without jemalloc
        }
        using (child)
        {
            // The child shares the terminal: Ctrl+C reaches it directly; SIGTERM to us is passed on.
            Console.CancelKeyPress += (_, e) => e.Cancel = true;
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                Kill(child.Id, 15);
            });
            child.WaitForExit();
            return child.ExitCode;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
