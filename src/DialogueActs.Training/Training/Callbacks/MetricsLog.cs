using System.Text.Json;

namespace DialogueActs.Training;

/// <summary>
/// <c>metrics.jsonl</c>: one JSON line per completed epoch, the whole file rewritten atomically after
/// every epoch. A resumed run keeps the lines of the epochs its checkpoint holds and drops later ones.
/// </summary>
/// <param name="path">The metrics file.</param>
internal sealed class MetricsLog(string path) : ITrainingCallback
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly List<string> _lines = [];

    /// <summary>Keeps the lines of epochs 1 to <see cref="TrainingState.EpochsCompleted"/> (none for a new run); fails here, before training, when the file cannot be written.</summary>
    public void OnStart(TrainingContext context)
    {
        _lines.Clear();
        if (context.State.EpochsCompleted > 0 && File.Exists(path))
            _lines.AddRange(File.ReadAllLines(path).Where(l => l.Length > 0).Take(context.State.EpochsCompleted).Select(l => l + "\n"));
        AtomicFile.WriteAllText(path, string.Concat(_lines));
    }

    /// <summary>The epochs of a metrics file this log wrote (report.html's validation curve).</summary>
    internal static IReadOnlyList<EpochMetrics> Read(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<EpochMetrics>(l, Json)!).ToArray();

    /// <summary>Appends the epoch's line and rewrites the file.</summary>
    public void OnEpoch(TrainingContext context, EpochEnd epoch)
    {
        _lines.Add(JsonSerializer.Serialize(epoch.Metrics, Json) + "\n");
        AtomicFile.WriteAllText(path, string.Concat(_lines));
    }
}
