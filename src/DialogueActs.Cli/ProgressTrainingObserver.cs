using DialogueActs.Training;
using Spectre.Console;

namespace DialogueActs.Cli;

/// <summary>Training progress as a Spectre.Console progress bar with throughput and ETA, for interactive terminals.</summary>
internal sealed class ProgressTrainingObserver : ITrainingObserver
{
    private readonly ProgressContext _context;
    private ProgressTask? _task;

    public ProgressTrainingObserver(ProgressContext context) => _context = context;

    public void Log(string message) => AnsiConsole.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss}[/] {Markup.Escape(message)}");

    public void Preparing(Modeling.FeatureProgress progress)
    {
        if (_preparing is null || _preparing.Description != progress.Feature || _preparing.IsFinished)
            _preparing = _context.AddTask(progress.Feature, maxValue: progress.Total);
        _preparing.MaxValue = progress.Total;
        _preparing.Value = progress.Done;
        if (progress.Done >= progress.Total) _preparing.StopTask();
    }

    private ProgressTask? _preparing;

    public void EpochStarted(int epoch, int maxEpochs, int batches, int utterances)
    {
        _task = _context.AddTask($"epoch {epoch}/{maxEpochs}", maxValue: utterances);
    }

    public void BatchCompleted(int epoch, int batch, int batches, int utterancesSoFar, double meanLoss)
    {
        if (_task is null) return;
        _task.Value = utterancesSoFar;
        _task.Description = $"epoch {epoch} loss {meanLoss:F3}";
    }

    public void Validating(int epoch)
    {
        if (_task is not null) _task.Description = $"epoch {epoch} validating";
    }

    public void EpochCompleted(EpochMetrics m)
    {
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
            _task.StopTask();
        }
        Log($"epoch {m.Epoch}: loss {m.Loss:F4}, {m.UtterancesPerSecond:N0} utt/s, {m.Seconds:F1}s" +
            (m.ValidAccuracy is double a ? $", valid accuracy {a:P2}, macro-F1 {m.ValidMacroF1:P2}" : "") + (m.Best ? " (best, saved)" : ""));
    }

    /// <summary>Runs <paramref name="body"/> under a live progress display.</summary>
    public static T Run<T>(Func<ITrainingObserver, T> body)
    {
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new TransferSpeedlessThroughputColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => result = body(new ProgressTrainingObserver(context)));
        return result;
    }
}

/// <summary>Utterances per second for a progress task whose value counts utterances.</summary>
internal sealed class TransferSpeedlessThroughputColumn : ProgressColumn
{
    public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        double? speed = task.Speed;
        return new Markup(speed is null ? "[grey]-- utt/s[/]" : $"[blue]{speed.Value:N0} utt/s[/]");
    }
}
