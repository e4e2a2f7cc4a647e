using System.Diagnostics;

namespace DialogueActs.LoadTest;

/// <summary>Samples the server's resident memory (VmRSS) and thread count at a fixed interval and prints each sample.</summary>
internal sealed class MemorySampler
{
    private readonly ServerProcess _server;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _clock;
    private readonly List<MemorySample> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <param name="server">The process to sample.</param>
    /// <param name="interval">Time between samples.</param>
    /// <param name="clock">The soak's clock; sample times are read from it.</param>
    public MemorySampler(ServerProcess server, TimeSpan interval, Stopwatch clock)
    {
        _server = server;
        _interval = interval;
        _clock = clock;
    }

    /// <summary>The samples so far, in time order.</summary>
    public IReadOnlyList<MemorySample> Samples
    {
        get { lock (_samples) return _samples.ToArray(); }
    }

    /// <summary>Takes a sample now and then one every interval until <see cref="StopAsync"/>.</summary>
    public void Start() => _loop = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Sample("");
        }
        catch (OperationCanceledException) { }
    });

    /// <summary>Stops sampling after one last sample, labelled <paramref name="label"/>.</summary>
    public async Task StopAsync(string label)
    {
        _stop.Cancel();
        if (_loop is not null) await _loop;
        Sample(label);
    }

    private void Sample(string label)
    {
        if (_server.StatusKilobytes("VmRSS") is not long rss) return;
        var sample = new MemorySample(_clock.Elapsed.TotalSeconds, rss, int.TryParse(_server.StatusValue("Threads"), out int t) ? t : 0, label);
        lock (_samples) _samples.Add(sample);
        Console.WriteLine($"  memory t={sample.Seconds,5:F0} s  VmRSS {sample.RssMib,6:F1} MiB  threads {sample.Threads,3} {label}");
    }
}

/// <summary>One memory sample.</summary>
/// <param name="Seconds">Seconds since the soak began.</param>
/// <param name="RssKilobytes">VmRSS in kB.</param>
/// <param name="Threads">The server's thread count.</param>
/// <param name="Label">A note, e.g. <c>end</c>, or empty.</param>
internal sealed record MemorySample(double Seconds, long RssKilobytes, int Threads, string Label)
{
    /// <summary>VmRSS in MiB.</summary>
    public double RssMib => RssKilobytes / 1024.0;
}
