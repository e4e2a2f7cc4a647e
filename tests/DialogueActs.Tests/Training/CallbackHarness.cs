using DialogueActs.Training.Configuration;
using DialogueActs.Data;
using DialogueActs.Modeling;
using DialogueActs.Tests.Modeling;
using DialogueActs.Text;
using DialogueActs.Training;
using TorchSharp;

namespace DialogueActs.Tests.Training;

/// <summary>
/// A <see cref="TrainingContext"/> around a small untrained model, a tiny vocabulary and a temporary
/// folder, for testing training callbacks one at a time without a training run.
/// </summary>
internal sealed class CallbackHarness : IDisposable
{
    public CallbackHarness(string training = "", int seed = 1)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("da-callbacks-").FullName;
        var config = ExperimentConfig.FromJson($$"""{ "data": { "train": "train.csv" }, "training": { "learningRate": 0.1 {{training}} } }""", "config.json");
        var encoder = TextEncoder.Build(config.Tokenizer with { MinCount = 1 }, ["yeah", "no", "do you like it"]);
        var labels = LabelSet.FromTrainingLabels(["b", "qy", "sd"]);
        var dimensions = new ModelDimensions(encoder.Vocabulary.Count, labels.Count);
        var features = FeatureSet.From(ModelFixtures.SmallOptions(), dimensions);
        var data = new TrainingData(Array.Empty<Conversation>(), null, null, encoder, labels, features, FeatureResources.None) { Encoded = [] };
        torch.manual_seed(seed);
        Model = new HierarchicalTagger(ModelFixtures.SmallOptions(), dimensions);
        Context = new TrainingContext(config, data, Model, TrainingModel.CreateOptimizer(Model, config.Training), Observer)
        {
            State = new TrainingState { ConfigSha256 = "config", CorpusSha256 = "corpus" },
        };
    }

    public string Directory { get; }
    public RecordingObserver Observer { get; } = new();
    public HierarchicalTagger Model { get; }
    public TrainingContext Context { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public double LearningRate => Context.Optimizer.ParamGroups.Single().LearningRate;

    /// <summary>Marks the end of epoch <paramref name="epoch"/> as the trainer does, then runs <paramref name="callback"/> on it.</summary>
    public EpochEnd EndEpoch(ITrainingCallback callback, int epoch, double? validAccuracy = null, bool partial = false, double seconds = 1)
    {
        Context.State = Context.State with { EpochsCompleted = epoch, ElapsedSeconds = Context.State.ElapsedSeconds + seconds };
        var end = new EpochEnd(new EpochMetrics { Epoch = epoch, ValidAccuracy = validAccuracy, Partial = partial, Seconds = seconds });
        callback.OnEpoch(Context, end);
        return end;
    }

    public void Dispose()
    {
        Model.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
