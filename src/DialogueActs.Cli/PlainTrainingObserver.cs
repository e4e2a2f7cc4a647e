using System.Diagnostics;
using DialogueActs.Training;

namespace DialogueActs.Cli;

/// <summary>Training progress as plain, timestamped log lines (for logs and non-interactive terminals).</summary>
internal sealed class PlainTrainingObserver : ITrainingObserver
{
    private readonly TextWriter _output;
    private readonly Stopwatch _epochClock = new();
    private int _nextReport;

    public PlainTrainingObserver(TextWriter output) => _output = output;

    public void Log(string message) => Write(message);

    public void Preparing(Modeling.FeatureProgress progress)
    {
        if (progress.Feature != _preparingFeature || progress.Done < _preparedBefore)
        {
            _preparingFeature = progress.Feature;
            _preparingClock.Restart();
            _nextPreparingReport = 1;
        }
        _preparedBefore = progress.Done;
        // About ten lines per preparation.
        if (progress.Done * 10 < _nextPreparingReport * progress.Total && progress.Done < progress.Total) return;
        _nextPreparingReport = (int)(progress.Done * 10 / Math.Max(1, progress.Total)) + 1;
        double seconds = _preparingClock.Elapsed.TotalSeconds;
        double eta = seconds / Math.Max(1, progress.Done) * (progress.Total - progress.Done);
        Write($"  {progress.Feature}: {progress.Done:N0}/{progress.Total:N0} texts  {progress.Done / Math.Max(seconds, 1e-9):N0} texts/s  ETA {TimeSpan.FromSeconds(eta):mm\\:ss}");
    }

    private readonly Stopwatch _preparingClock = new();
    private string? _preparingFeature;
    private long _preparedBefore;
    private int _nextPreparingReport;

    public void EpochStarted(int epoch, int maxEpochs, int batches, int utterances)
    {
        _epochClock.Restart();
        _nextReport = 1;
        Write($"epoch {epoch}/{maxEpochs}: {batches} batches, {utterances:N0} utterances");
    }

    public void BatchCompleted(int epoch, int batch, int batches, int utterancesSoFar, double meanLoss)
    {
        // About ten lines per epoch.
        if (batch * 10 < _nextReport * batches && batch != batches) return;
        _nextReport = batch * 10 / batches + 1;
        double seconds = _epochClock.Elapsed.TotalSeconds;
        double eta = seconds / batch * (batches - batch);
        Write($"  epoch {epoch} batch {batch}/{batches}  loss {meanLoss:F4}  {utterancesSoFar / Math.Max(seconds, 1e-9):N0} utt/s  ETA {TimeSpan.FromSeconds(eta):mm\\:ss}");
    }

    public void Validating(int epoch) => Write($"  epoch {epoch}: validating");

    public void EpochCompleted(EpochMetrics m) => Write(
        $"epoch {m.Epoch} done in {m.Seconds:F1}s (+{m.ValidSeconds:F1}s valid): loss {m.Loss:F4}, {m.UtterancesPerSecond:N0} utt/s" +
        (m.ValidAccuracy is double a ? $", valid accuracy {a:P2}, macro-F1 {m.ValidMacroF1:P2}" : "") +
        (m.Best ? " (best, saved)" : "") + (m.Partial ? " (partial epoch)" : ""));

    private void Write(string message) => _output.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
