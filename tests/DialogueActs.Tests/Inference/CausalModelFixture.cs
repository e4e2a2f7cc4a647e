using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Tests.Training;
using DialogueActs.Training;

namespace DialogueActs.Tests.Inference;

/// <summary>
/// One tiny causal model (<c>model.conversationDirection: "forward"</c>, so it can start sessions), trained once on the
/// tiny corpus and shared by the tests of the <c>causal-model</c> collection, with a tagger loaded from its model.zip.
/// </summary>
public sealed class CausalModelFixture : IDisposable
{
    private readonly TinyCorpus _corpus = new(trainConversations: 30, seed: 3);

    public CausalModelFixture()
    {
        OutDir = Path.Combine(_corpus.Directory, "run");
        var config = _corpus.Config(epochs: 2);
        config = config with { Model = config.Model with { ConversationDirection = ConversationDirection.Forward } };
        new Trainer(config, OutDir, new RecordingObserver()).Run(resume: false);
        Tagger = DialogueActTagger.Load(ModelPath);
    }

    public string OutDir { get; }
    public string ModelPath => Path.Combine(OutDir, Trainer.ModelFileName);
    public string Directory => _corpus.Directory;
    public string ValidPath => _corpus.ValidPath;

    /// <summary>A tagger over the model, for the tests to compare with.</summary>
    public DialogueActTagger Tagger { get; }

    /// <summary>The valid split, labelled.</summary>
    public IReadOnlyList<Conversation> Valid() => CorpusReader.Read(ValidPath, new ColumnMapping { Label = "act" }, requireLabels: true);

    public void Dispose()
    {
        Tagger.Dispose();
        _corpus.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class CausalModelCollection : ICollectionFixture<CausalModelFixture>
{
    public const string Name = "causal-model";
}
