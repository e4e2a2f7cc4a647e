using System.Globalization;
using System.Text;
using DialogueActs.Training.Configuration;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Training;

namespace DialogueActs.Tests.Hosting;

/// <summary>The hosting tests share one tiny model, trained once per test run on a generated corpus.</summary>
[CollectionDefinition(Name)]
public sealed class HostingCollection : ICollectionFixture<TrainedModelFixture>
{
    public const string Name = "Hosting";
}

/// <summary>Trains a tiny model (embedding 16, hidden 16/16, 2 epochs) on 30 generated conversations.</summary>
public sealed class TrainedModelFixture : IDisposable
{
    private static readonly string[] Statements = ["i work at the bank", "we moved here last year", "my sister has two dogs", "the weather was cold", "i like cooking pasta"];
    private static readonly string[] Questions = ["do you have kids?", "where do you live?", "what do you do?", "is it raining?", "how was your day?"];
    private static readonly string[] Backchannels = ["uh-huh", "yeah", "right", "mm-hmm", "okay"];

    private readonly Lazy<string> _causalModelPath;

    public TrainedModelFixture()
    {
        Dir = Path.Combine(Path.GetTempPath(), "da-hosting-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
        File.WriteAllText(Path.Combine(Dir, "train.csv"), TrainingCsv(conversations: 30, seed: 7), new UTF8Encoding(false));
        var config = ExperimentConfig.Parse(ConfigJson, "hosting-test.json", dataDirOverride: null, baseDirectory: Dir);
        ModelPath = Train(config, "run");
        _causalModelPath = new Lazy<string>(() =>
            Train(config with { Model = config.Model with { ConversationDirection = ConversationDirection.Forward } }, "run-causal"));
    }

    /// <summary>The fixture's temporary directory.</summary>
    public string Dir { get; }

    /// <summary>The trained model.zip (bidirectional, the default).</summary>
    public string ModelPath { get; }

    /// <summary>
    /// The same model made causal (<c>conversationDirection: "forward"</c>), which streaming sessions need; trained on first use,
    /// so only the tests that use it pay for it.
    /// </summary>
    public string CausalModelPath => _causalModelPath.Value;

    /// <summary>Unlabelled conversations of 1 to 40 utterances, with words the model has never seen.</summary>
    public static IReadOnlyList<Conversation> Conversations(int count, int seed)
    {
        var random = new Random(seed);
        var result = new Conversation[count];
        for (int c = 0; c < count; c++)
        {
            int length = random.Next(1, 41);
            var utterances = new Utterance[length];
            for (int i = 0; i < length; i++)
            {
                string text = random.Next(6) switch
                {
                    0 => Questions[random.Next(Questions.Length)],
                    1 => Backchannels[random.Next(Backchannels.Length)],
                    2 => $"zebra {random.Next(1000)} quantum",
                    3 => "",
                    _ => Statements[random.Next(Statements.Length)],
                };
                utterances[i] = new Utterance(i % 2 == 0 ? "A" : "B", text, null);
            }
            result[c] = new Conversation($"conv-{c:D3}", utterances);
        }
        return result;
    }

    /// <summary>Serializes results as <see cref="PredictionWriter"/> does.</summary>
    public static byte[] Serialize(Conversation conversation, TaggedConversation tagged)
    {
        using var output = new MemoryStream();
        PredictionWriter.Write(output, [conversation], [tagged]);
        return output.ToArray();
    }

    private string Train(ExperimentConfig config, string runDirectory)
    {
        new Trainer(config, Path.Combine(Dir, runDirectory), new SilentObserver()).Run(resume: false);
        return Path.Combine(Dir, runDirectory, Trainer.ModelFileName);
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }

    private static string TrainingCsv(int conversations, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("conversation_id,utterance_index,speaker,act,text\n");
        for (int c = 0; c < conversations; c++)
        {
            int length = random.Next(6, 16);
            for (int i = 0; i < length; i++)
            {
                (string act, string text) = random.Next(3) switch
                {
                    0 => ("qy", Questions[random.Next(Questions.Length)]),
                    1 => ("b", Backchannels[random.Next(Backchannels.Length)]),
                    _ => ("sd", Statements[random.Next(Statements.Length)]),
                };
                csv.Append(CultureInfo.InvariantCulture, $"train-{c:D2},{i},{(i % 2 == 0 ? "A" : "B")},{act},\"{text}\"\n");
            }
        }
        return csv.ToString();
    }

    private const string ConfigJson = """
        {
          "data": {
            "directory": ".",
            "train": "train.csv",
            "format": "csv",
            "columns": { "conversation": "conversation_id", "order": "utterance_index", "speaker": "speaker", "text": "text", "label": "act" }
          },
          "tokenizer": { "kind": "word", "lowercase": true, "maxTokens": 20, "minCount": 1, "maxVocabulary": 1000, "glove": null },
          "model": { "embeddingDim": 16, "utteranceHidden": 24, "conversationHidden": 24, "dropout": 0, "useCrf": true, "useConversationLstm": true },
          "training": {
            "seed": 3, "epochs": 2, "patience": 2, "batchSize": 8, "chunkLength": 64, "optimizer": "adam", "learningRate": 0.01,
            "weightDecay": 0, "gradientClip": 5.0, "threads": 2, "maxMinutes": null
          }
        }
        """;

    private sealed class SilentObserver : ITrainingObserver
    {
        public void Log(string message) { }
        public void EpochStarted(int epoch, int maxEpochs, int batches, int utterances) { }
        public void BatchCompleted(int epoch, int batch, int batches, int utterancesSoFar, double meanLoss) { }
        public void Validating(int epoch) { }
        public void EpochCompleted(EpochMetrics metrics) { }
    }
}
