using DialogueActs.Data;

namespace DialogueActs.Fuzz;

/// <summary>
/// One fuzz run end to end: a work folder, the tiny model (trained once, only when a parser needs it),
/// the selected parsers, their cases, the CLI replay and the results in table order. Used by the
/// console runner and by the CI-size test.
/// </summary>
public sealed class FuzzSession : IDisposable
{
    private readonly FuzzSettings _settings;
    private readonly TextWriter _log;
    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), "da-fuzz-" + Guid.NewGuid().ToString("N"));

    /// <summary>A session with <paramref name="settings"/>, logging to <paramref name="log"/>.</summary>
    public FuzzSession(FuzzSettings settings, TextWriter log)
    {
        _settings = settings;
        _log = log;
        Directory.CreateDirectory(_workDirectory);
    }

    /// <summary>Runs every selected parser and returns their results in table order.</summary>
    public IReadOnlyList<TargetResult> Run()
    {
        bool needsModel = _settings.Targets.Any(t => t is "model.zip" or "http") || _settings.CliSamples > 0;
        string? modelPath = needsModel ? TinyModel.Train(Path.Combine(_workDirectory, "model")) : null;
        var runner = new FuzzRunner(_settings, _log);
        var results = new List<TargetResult>();
        foreach (string name in FuzzSettings.AllTargets.Where(_settings.Targets.Contains))
        {
            using IFuzzTarget target = Create(name, modelPath);
            TargetResult result = runner.Run(target);
            if (modelPath is not null && _settings.OnlyCase is null)
            {
                new CliReplay(modelPath, Path.Combine(_workDirectory, "cli")).Replay(result, _settings.CliSamples);
                foreach (string failure in result.CliFailures)
                {
                    _log.WriteLine("FAIL (cli) " + failure);
                    File.AppendAllText(Path.Combine(_settings.OutputDirectory, "failures.txt"), "cli: " + failure + "\n");
                }
            }
            results.Add(result);
        }
        return results;
    }

    private IFuzzTarget Create(string name, string? modelPath) => name switch
    {
        "csv" => new CorpusTarget(CorpusFormat.Csv),
        "jsonl" => new CorpusTarget(CorpusFormat.Jsonl),
        "config" => new ConfigTarget(Path.Combine(_workDirectory, "config")),
        "model.zip" => new ModelArchiveTarget(modelPath!, Path.Combine(_workDirectory, "archive")),
        "http" => new HttpTarget(modelPath!),
        "session" => new SessionStateTarget(),
        _ => throw new ArgumentException($"unknown parser '{name}' (expected one of {string.Join(", ", FuzzSettings.AllTargets)})"),
    };

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
