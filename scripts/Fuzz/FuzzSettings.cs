namespace DialogueActs.Fuzz;

/// <summary>What a fuzz run does; every field has a command-line flag (see <c>Program</c>).</summary>
public sealed record FuzzSettings
{
    /// <summary>The parsers, in table order.</summary>
    public static readonly string[] AllTargets = ["csv", "jsonl", "config", "model.zip", "http", "session"];

    /// <summary>Cases per parser (<c>--cases</c>).</summary>
    public int Cases { get; init; } = 1000;

    /// <summary>Run seed (<c>--seed</c>); case <c>i</c> of a parser is the same input for the same seed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Per-case timeout (<c>--timeout</c>, seconds); a slower case is a hang.</summary>
    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Folder for failing inputs and <c>failures.txt</c> (<c>--out</c>).</summary>
    public string OutputDirectory { get; init; } = "fuzz-out";

    /// <summary>Parsers to run (<c>--targets csv,jsonl,...</c>).</summary>
    public IReadOnlyList<string> Targets { get; init; } = AllTargets;

    /// <summary>Rejected cases per file parser replayed through the real CLI (<c>--cli-samples</c>).</summary>
    public int CliSamples { get; init; } = 20;

    /// <summary>Only this case index (<c>--only N</c>), to reproduce a failure; null runs them all.</summary>
    public int? OnlyCase { get; init; }

    /// <summary>Prints progress to standard error every so many cases; 0 is silent.</summary>
    public int ProgressEvery { get; init; } = 1000;
}
