using System.Text;
using DialogueActs.Training.Configuration;

namespace DialogueActs.Tests.Training;

/// <summary>
/// Writes a tiny labelled corpus (train, valid, test CSVs) and a matching config to a temporary
/// directory. Replies ("yeah", "no") are answers after a question and backchannels otherwise, so
/// context matters; one label holds a comma and a quote to exercise CSV quoting.
/// </summary>
internal sealed class TinyCorpus : IDisposable
{
    public const string QuotedLabel = "fo_o_fw,\"_by_bc";
    private static readonly string[] Topics = { "the weather", "my car", "the house", "dinner", "the game", "work", "the kids", "music" };

    public TinyCorpus(int trainConversations = 30, int seed = 1)
    {
        Directory = Path.Combine(Path.GetTempPath(), "da-tiny-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Write("train.csv", trainConversations, seed);
        Write("valid.csv", 8, seed + 1);
        Write("test.csv", 6, seed + 2);
    }

    public string Directory { get; }

    public string TrainPath => Path.Combine(Directory, "train.csv");
    public string ValidPath => Path.Combine(Directory, "valid.csv");
    public string TestPath => Path.Combine(Directory, "test.csv");

    /// <summary>Config JSON for a tiny model. Extra training keys may be merged in via <paramref name="training"/>.</summary>
    public string ConfigJson(int epochs = 3, string training = "", bool withTest = true, string tokenizer = "", string model = "") => $$"""
        {
          "data": { "directory": ".", "train": "train.csv", "valid": "valid.csv", {{(withTest ? "\"test\": \"test.csv\"," : "")}}
                    "columns": { "conversation": "conversation_id", "order": "utterance_index", "speaker": "speaker", "text": "text", "label": "act" } },
          "tokenizer": { "minCount": 1, "maxTokens": 12 {{tokenizer}} },
          "model": { "embeddingDim": 16, "utteranceHidden": 20, "conversationHidden": 18, "dropout": 0.1 {{model}} },
          "training": { "seed": 5, "epochs": {{epochs}}, "patience": 0, "batchSize": 4, "chunkLength": 6, "learningRate": 0.01, "threads": 2 {{training}} }
        }
        """;

    public ExperimentConfig Config(int epochs = 3, string training = "", bool withTest = true, string tokenizer = "", string model = "") =>
        ExperimentConfig.Parse(ConfigJson(epochs, training, withTest, tokenizer, model), Path.Combine(Directory, "config.json"), dataDirOverride: null, baseDirectory: Directory);

    public string WriteConfig(int epochs = 3, string training = "")
    {
        string path = Path.Combine(Directory, "config.json");
        File.WriteAllText(path, ConfigJson(epochs, training));
        return path;
    }

    private void Write(string name, int conversations, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("conversation_id,utterance_index,speaker,act,text\n");
        for (int c = 0; c < conversations; c++)
        {
            int length = 4 + random.Next(9);
            string previous = "";
            for (int t = 0; t < length; t++)
            {
                string speaker = t % 2 == 0 ? "A" : "B";
                string topic = Topics[random.Next(Topics.Length)];
                (string act, string text) = (previous, random.Next(10)) switch
                {
                    ("qy", < 7) => ("ny", random.Next(2) == 0 ? "yeah" : "yes, sure"),
                    ("qy", _) => ("nn", "no"),
                    (_, < 3) => ("qy", $"do you like {topic}?"),
                    (_, < 5) => ("b", random.Next(2) == 0 ? "yeah" : "uh-huh"),
                    (_, < 6) => (QuotedLabel, $"and he said, \"{topic}\""),
                    (_, 6) => ("sd", ""),
                    _ => ("sd", $"i think {topic} is fine, really"),
                };
                csv.Append($"c{seed}-{c},{t},{speaker},{Quote(act)},{Quote(text)}\n");
                previous = act;
            }
        }
        File.WriteAllText(Path.Combine(Directory, name), csv.ToString());
    }

    private static string Quote(string field) => "\"" + field.Replace("\"", "\"\"") + "\"";

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
