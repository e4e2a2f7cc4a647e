using DialogueActs.Training;

namespace DialogueActs.Tests.Training;

/// <summary>One tiny model trained once and shared by the tests of the <c>tiny-model</c> collection.</summary>
public sealed class TinyModelFixture : IDisposable
{
    private readonly TinyCorpus _corpus = new(trainConversations: 30, seed: 3);

    public TinyModelFixture()
    {
        OutDir = Path.Combine(_corpus.Directory, "run");
        ConfigPath = _corpus.WriteConfig(epochs: 2);
        new Trainer(_corpus.Config(epochs: 2), OutDir, new RecordingObserver()).Run(resume: false);
    }

    public string OutDir { get; }
    public string ModelPath => Path.Combine(OutDir, Trainer.ModelFileName);
    public string ConfigPath { get; }
    public string Directory => _corpus.Directory;
    public string TrainPath => _corpus.TrainPath;
    public string ValidPath => _corpus.ValidPath;

    public void Dispose() => _corpus.Dispose();
}

[CollectionDefinition(Name)]
public sealed class TinyModelCollection : ICollectionFixture<TinyModelFixture>
{
    public const string Name = "tiny-model";
}
