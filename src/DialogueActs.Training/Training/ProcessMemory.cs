namespace DialogueActs.Training;

/// <summary>Resident memory of this process, read from <c>/proc/self/status</c> (for <c>metrics.jsonl</c>).</summary>
public static class ProcessMemory
{
    /// <summary>Peak resident set size of this process (VmHWM), in MiB; 0 where /proc is unavailable.</summary>
    public static double PeakRssMib() => ReadStatusKib("VmHWM:") / 1024.0;

    /// <summary>Current resident set size of this process (VmRSS), in MiB; 0 where /proc is unavailable.</summary>
    public static double CurrentRssMib() => ReadStatusKib("VmRSS:") / 1024.0;

    private static long ReadStatusKib(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith(key, StringComparison.Ordinal))
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0]);
        }
        catch (IOException) { }
        return 0;
    }
}
