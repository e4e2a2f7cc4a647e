using System.Text;
using DialogueActs.Training.Configuration;

namespace DialogueActs.Fuzz;

/// <summary>
/// The experiment config parser, fed the bytes of a config file decoded as <see cref="File.ReadAllText(string)"/>
/// decodes them (UTF-8, byte-order marks honoured), then <see cref="ExperimentConfig.Parse(string, string, string?, string)"/>
/// with the file's folder as base directory, as <c>dialogue-acts train --config</c> does.
/// </summary>
public sealed class ConfigTarget : IFuzzTarget
{
    private const string FileName = "fuzz-config.json";
    private readonly byte[][] _seeds = [SeedCorpus.ConfigJson(), Encoding.UTF8.GetBytes("{\"data\": {\"train\": \"/data/train.csv\"}}")];
    private readonly string _directory;

    /// <summary>A target whose configs resolve against <paramref name="directory"/>.</summary>
    public ConfigTarget(string directory) => _directory = directory;

    /// <inheritdoc />
    public string Name => "config";

    /// <inheritdoc />
    public string Extension => ".json";

    /// <inheritdoc />
    public FuzzInput NextInput(Random random) => InputMutator.Mutate(_seeds, random, allowHuge: true, JsonMutator.ApplyRandom);

    /// <inheritdoc />
    public CaseResult Run(FuzzInput input)
    {
        try
        {
            string json;
            using (var reader = new StreamReader(new MemoryStream(input.Bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            {
                json = reader.ReadToEnd();
            }
            ExperimentConfig.Parse(json, FileName, dataDirOverride: null, _directory);
            return CaseResult.Accepted;
        }
        catch (Exception ex)
        {
            return ErrorContract.Classify(ex, FileName);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
