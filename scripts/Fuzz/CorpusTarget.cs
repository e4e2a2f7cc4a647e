using DialogueActs.Data;

namespace DialogueActs.Fuzz;

/// <summary>
/// A corpus parser (<see cref="CorpusReader"/> on CSV or JSON lines), fed the bytes of a file as
/// <c>dialogue-acts train/evaluate/predict</c> read them: strict UTF-8 decoding, then the format's parser.
/// Half of the cases require labels (training and evaluation), half do not (prediction).
/// </summary>
public sealed class CorpusTarget : IFuzzTarget
{
    private readonly CorpusFormat _format;
    private readonly byte[][] _seeds;
    private readonly string _fileName;

    /// <summary>A target for <paramref name="format"/> (<see cref="CorpusFormat.Csv"/> or <see cref="CorpusFormat.Jsonl"/>).</summary>
    public CorpusTarget(CorpusFormat format)
    {
        _format = format;
        Name = format == CorpusFormat.Csv ? "csv" : "jsonl";
        Extension = format == CorpusFormat.Csv ? ".csv" : ".jsonl";
        _fileName = "fuzz" + Extension;
        _seeds = format == CorpusFormat.Csv
            ? [SeedCorpus.Csv(3, 1), SeedCorpus.Csv(1, 2), SeedCorpus.Csv(6, 3)]
            : [SeedCorpus.Jsonl(3, 1), SeedCorpus.Jsonl(1, 2), SeedCorpus.Jsonl(6, 3)];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Extension { get; }

    /// <inheritdoc />
    public FuzzInput NextInput(Random random) => InputMutator.Mutate(_seeds, random, allowHuge: true,
        _format == CorpusFormat.Csv ? CsvMutator.ApplyRandom : JsonlMutator.ApplyRandom,
        variant: random.Next(2) == 0 ? "labels-required" : "labels-optional");

    /// <inheritdoc />
    public CaseResult Run(FuzzInput input)
    {
        try
        {
            var conversations = CorpusReader.Read(new MemoryStream(input.Bytes), _fileName, new ColumnMapping(),
                requireLabels: input.Variant == "labels-required", _format);
            if (conversations.Count == 0 || conversations.Any(c => c.Utterances.Count == 0))
            {
                return new CaseResult(CaseOutcome.Unhandled, "accepted a corpus with an empty conversation list or an empty conversation");
            }
            return CaseResult.Accepted;
        }
        catch (Exception ex)
        {
            return ErrorContract.Classify(ex, _fileName);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
