using DialogueActs.Training;

namespace DialogueActs.Tests.Training;

/// <summary>Records training progress; can cancel the run after a given epoch.</summary>
internal sealed class RecordingObserver : ITrainingObserver
{
    private readonly CancellationTokenSource? _cancelAfter;
    private readonly int _epochToCancelAfter;
    private readonly Action<int>? _onEpochCompleted;

    public RecordingObserver(CancellationTokenSource? cancelAfter = null, int epoch = 0, Action<int>? onEpochCompleted = null)
    {
        _cancelAfter = cancelAfter;
        _epochToCancelAfter = epoch;
        _onEpochCompleted = onEpochCompleted;
    }

    public List<string> Logs { get; } = new();
    public List<EpochMetrics> Epochs { get; } = new();

    public void Log(string message) => Logs.Add(message);
    public void EpochStarted(int epoch, int maxEpochs, int batches, int utterances) { }
    public void BatchCompleted(int epoch, int batch, int batches, int utterancesSoFar, double meanLoss) { }
    public void Validating(int epoch) { }

    public void EpochCompleted(EpochMetrics metrics)
    {
        Epochs.Add(metrics);
        _onEpochCompleted?.Invoke(metrics.Epoch);
        if (_cancelAfter is not null && metrics.Epoch == _epochToCancelAfter) _cancelAfter.Cancel();
    }
}
