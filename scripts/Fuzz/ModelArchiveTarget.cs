using DialogueActs.Data;
using DialogueActs.Inference;

namespace DialogueActs.Fuzz;

/// <summary>
/// The model archive reader: the mutated bytes are written to a file and loaded with
/// <see cref="DialogueActTagger.Load"/>; an accepted archive must also tag a conversation, so corrupt
/// weights that reach libtorch show up here too.
/// </summary>
public sealed class ModelArchiveTarget : IFuzzTarget
{
    private static readonly Conversation Probe = new("probe", [new Utterance("A", "do you have kids?", null), new Utterance("B", "yeah", null), new Utterance("A", "", null)]);
    private readonly byte[][] _seeds;
    private readonly string _path;

    /// <summary>A target mutating the archive at <paramref name="modelPath"/>; cases are written into <paramref name="workDirectory"/>.</summary>
    public ModelArchiveTarget(string modelPath, string workDirectory)
    {
        _seeds = [File.ReadAllBytes(modelPath)];
        Directory.CreateDirectory(workDirectory);
        _path = Path.Combine(workDirectory, "fuzz-model.zip");
    }

    /// <inheritdoc />
    public string Name => "model.zip";

    /// <inheritdoc />
    public string Extension => ".zip";

    /// <inheritdoc />
    public FuzzInput NextInput(Random random) => InputMutator.Mutate(_seeds, random, allowHuge: false, ZipMutator.ApplyRandom,
        structuredShare: 0.85);

    /// <inheritdoc />
    public CaseResult Run(FuzzInput input)
    {
        try
        {
            File.WriteAllBytes(_path, input.Bytes);
            using var tagger = DialogueActTagger.Load(_path);
            var tagged = tagger.Tag(Probe);
            if (tagged.Utterances.Count != Probe.Utterances.Count)
            {
                return new CaseResult(CaseOutcome.Unhandled, "the loaded model tagged the wrong number of utterances");
            }
            return CaseResult.Accepted;
        }
        catch (Exception ex)
        {
            return ErrorContract.Classify(ex, _path);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
