namespace DialogueActs.Training.Configuration;

/// <summary>Makes the data paths of a validated config absolute (see <see cref="ExperimentConfig.Load"/>).</summary>
internal static class DataPathResolver
{
    /// <summary>Returns <paramref name="config"/> with its data directory and data paths resolved.</summary>
    public static ExperimentConfig Resolve(ExperimentConfig config, string displayName, string? dataDirOverride,
        string baseDirectory, Func<string, string?> environment)
    {
        DataOptions data = config.Data;
        string? dataDirectory =
            !string.IsNullOrWhiteSpace(dataDirOverride) ? Path.GetFullPath(dataDirOverride)
            : data.Directory is not null ? Path.GetFullPath(data.Directory, Path.GetFullPath(baseDirectory))
            : environment(ExperimentConfig.DataDirectoryVariable) is string fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
            : null;

        string? Resolve(string? path)
        {
            if (path is null || Path.IsPathFullyQualified(path))
            {
                return path;
            }
            if (dataDirectory is null)
            {
                throw new DialogueActsException(
                    $"{displayName}: $.data.directory: no data directory; pass --data-dir DIR or set {ExperimentConfig.DataDirectoryVariable}");
            }
            return Path.GetFullPath(path, dataDirectory);
        }

        string? test = Resolve(data.Test);
        if (test is not null && data.TestOptional && !File.Exists(test))
        {
            test = null;
        }
        string? glossary = Resolve(data.Glossary);
        if (glossary is not null && data.GlossaryOptional && !File.Exists(glossary))
        {
            glossary = null;
        }
        return config with
        {
            Data = data with
            {
                Directory = dataDirectory,
                Train = Resolve(data.Train)!,
                Valid = Resolve(data.Valid),
                Test = test,
                Glossary = glossary,
            },
            Tokenizer = config.Tokenizer with { Glove = Resolve(config.Tokenizer.Glove) },
            Training = config.Training with { SentenceCache = Resolve(config.Training.SentenceCache) },
        };
    }
}
