using DialogueActs.Data;

namespace DialogueActs.Training.Configuration;

/// <summary>Where the corpus files are and how to read them: the <c>data</c> section of the experiment config.</summary>
public sealed record DataOptions
{
    /// <summary>The <see cref="Format"/> that picks CSV or JSON Lines from the file extension.</summary>
    public const string AutoFormat = "auto";

    /// <summary>The CSV <see cref="Format"/>.</summary>
    public const string CsvFormat = "csv";

    /// <summary>The JSON Lines <see cref="Format"/>.</summary>
    public const string JsonlFormat = "jsonl";

    /// <summary>
    /// Data directory that relative <see cref="Train"/>, <see cref="Valid"/>, <see cref="Test"/> and
    /// GloVe paths resolve against. In a file, relative to the config file's folder; null: taken from
    /// <c>--data-dir</c> or the <c>DIALOGUE_ACTS_DATA</c> environment variable. After
    /// <see cref="ExperimentConfig.Load"/>: the absolute data directory used, or null when none was available.
    /// </summary>
    public string? Directory { get; init; }

    /// <summary>Training corpus file (required).</summary>
    public required string Train { get; init; }

    /// <summary>Validation corpus file, or null for none.</summary>
    public string? Valid { get; init; }

    /// <summary>Test corpus file, or null for none.</summary>
    public string? Test { get; init; }

    /// <summary>When true, a <see cref="Test"/> file that does not exist is dropped (set to null) on load instead of failing later.</summary>
    public bool TestOptional { get; init; }

    /// <summary>
    /// The label names to keep with the model: a <c>labels.json</c> as <c>dialogue-acts import</c> writes it (its section
    /// named after <see cref="ColumnMapping.Label"/> is read), relative to the data directory; null for none.
    /// </summary>
    public string? Glossary { get; init; }

    /// <summary>When true, a <see cref="Glossary"/> file that does not exist is dropped (set to null) on load: the model has no names.</summary>
    public bool GlossaryOptional { get; init; }

    /// <summary>Corpus format: <c>"auto"</c> (default, by extension), <c>"csv"</c> or <c>"jsonl"</c>.</summary>
    public string Format { get; init; } = AutoFormat;

    /// <summary>Corpus column names.</summary>
    public ColumnMapping Columns { get; init; } = new();
}
