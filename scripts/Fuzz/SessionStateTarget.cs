using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Text;
using TorchSharp;

namespace DialogueActs.Fuzz;

/// <summary>
/// The session state reader (<see cref="IDialogueActTagger.RestoreSession"/>): the seeds are states of a small random
/// causal model (speaker flags, characters) saved after 0 to 9 utterances at lags 0, 2 and 16; a mutated state must be
/// refused with one line starting <c>session state: </c>, or restore a session that then tags an utterance and saves again.
/// </summary>
public sealed class SessionStateTarget : IFuzzTarget
{
    private const string Source = "session state: ";
    private static readonly string[] Labels = ["a", "b", "c", "d"];
    private readonly HierarchicalTagger _model;
    private readonly DialogueActTagger _tagger;
    private readonly byte[][] _seeds;

    /// <summary>Builds the model (seeded, no training) and its seed states.</summary>
    public SessionStateTarget()
    {
        torch.manual_seed(5);
        _model = new HierarchicalTagger(new ModelOptions
        {
            EmbeddingDim = 8, UtteranceHidden = 18, ConversationHidden = 20, SpeakerFeature = true, SpeakerWindow = 2,
            CharacterFilters = 4, CharacterEmbeddingDim = 3, ConversationDirection = ConversationDirection.Forward,
        }, new ModelDimensions(20, Labels.Length));
        _model.eval();
        var encoder = new TextEncoder(new TokenizerOptions(), Vocabulary.FromWords(Enumerable.Range(0, 17).Select(i => $"w{i}")));
        _tagger = new DialogueActTagger(_model, encoder, new LabelSet(Labels), new ModelMetadata(), new TaggerOptions { Precision = InferencePrecision.Float32 }, ownsModel: false);
        var seeds = new List<byte[]>();
        foreach (int lag in new[] { 0, 2, 16 })
        {
            using var session = _tagger.StartSession(lag);
            for (int i = 0; i < 10; i++)
            {
                if (i is 0 or 1 or 3 or 9) seeds.Add(session.SaveState());
                session.Add(i % 3 == 0 ? "A" : "Bé", $"w{i} w{i + 3}");
            }
        }
        _seeds = seeds.ToArray();
    }

    /// <inheritdoc />
    public string Name => "session";

    /// <inheritdoc />
    public string Extension => ".state";

    /// <inheritdoc />
    public FuzzInput NextInput(Random random) => InputMutator.Mutate(_seeds, random, allowHuge: false, structured: null);

    /// <inheritdoc />
    public CaseResult Run(FuzzInput input)
    {
        try
        {
            using var session = _tagger.RestoreSession(input.Bytes);
            var tag = session.Add("A", "w1 w2");
            if (tag.Index != session.Count - 1) return new CaseResult(CaseOutcome.Unhandled, $"the restored session answered index {tag.Index} at count {session.Count}");
            session.SaveState();
            return CaseResult.Accepted;
        }
        catch (Exception ex)
        {
            return ErrorContract.Classify(ex, Source);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tagger.Dispose();
        _model.Dispose();
    }
}
