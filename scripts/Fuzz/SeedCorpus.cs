using System.Globalization;
using System.Text;

namespace DialogueActs.Fuzz;

/// <summary>
/// The valid inputs the fuzzer starts from, written here so the fuzzer needs no data files: small
/// labelled CSV and JSONL corpora (quoted fields, a comma and a quote in a label, an empty text, a
/// multi-line text), a full experiment config, and HTTP request bodies. The columns are the library's
/// defaults, so the same corpora train the fuzzer's tiny model.
/// </summary>
public static class SeedCorpus
{
    private static readonly string[] Questions = ["do you have kids?", "where do you live?", "is it raining?", "how was your day?"];
    private static readonly string[] Statements = ["i work at the bank", "we moved here last year", "the weather was cold", "i like cooking pasta"];
    private static readonly string[] Backchannels = ["uh-huh", "yeah", "right", "okay"];

    /// <summary>A labelled corpus: <paramref name="conversations"/> conversations of 3 to 8 utterances.</summary>
    public static IReadOnlyList<(string Id, (string Speaker, string Text, string Label)[] Utterances)> Conversations(int conversations, int seed)
    {
        var random = new Random(seed);
        var result = new List<(string, (string, string, string)[])>();
        for (int c = 0; c < conversations; c++)
        {
            var utterances = new (string, string, string)[random.Next(3, 9)];
            for (int i = 0; i < utterances.Length; i++)
            {
                utterances[i] = random.Next(4) switch
                {
                    0 => (Speaker(i), Questions[random.Next(Questions.Length)], "qy"),
                    1 => (Speaker(i), Backchannels[random.Next(Backchannels.Length)], "b"),
                    2 when i == 1 => (Speaker(i), "", "sd"),
                    2 when i == 2 => (Speaker(i), "he said, \"fine\"\nthen left", "fo_o,\"bc"),
                    _ => (Speaker(i), Statements[random.Next(Statements.Length)], "sd"),
                };
            }
            result.Add(($"conv-{seed}-{c}", utterances));
        }
        return result;
    }

    /// <summary>CSV with the default columns (<c>conversation_id,utterance_index,speaker,label,text</c>).</summary>
    public static byte[] Csv(int conversations, int seed)
    {
        var csv = new StringBuilder("conversation_id,utterance_index,speaker,label,text\n");
        foreach (var (id, utterances) in Conversations(conversations, seed))
        {
            for (int i = 0; i < utterances.Length; i++)
            {
                var (speaker, text, label) = utterances[i];
                csv.Append(CultureInfo.InvariantCulture, $"{id},{i},{speaker},{Quote(label)},{Quote(text)}\n");
            }
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>JSON lines, one conversation per line.</summary>
    public static byte[] Jsonl(int conversations, int seed)
    {
        var jsonl = new StringBuilder();
        foreach (var (id, utterances) in Conversations(conversations, seed))
        {
            jsonl.Append(ConversationJson(id, utterances, withLabels: true)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(jsonl.ToString());
    }

    /// <summary>The body of <c>POST /v1/tag</c>.</summary>
    public static byte[] TagBody(int seed)
    {
        var (id, utterances) = Conversations(1, seed)[0];
        return Encoding.UTF8.GetBytes(ConversationJson(id, utterances, withLabels: seed % 2 == 0));
    }

    /// <summary>The body of <c>POST /v1/tag/batch</c>.</summary>
    public static byte[] BatchBody(int seed) =>
        Encoding.UTF8.GetBytes("{\"conversations\": [" +
            string.Join(", ", Conversations(3, seed).Select(c => ConversationJson(c.Id, c.Utterances, withLabels: false))) + "]}");

    /// <summary>A config with every section, data files relative to <c>data.directory</c>.</summary>
    public static byte[] ConfigJson(int epochs = 2) => Encoding.UTF8.GetBytes($$"""
        {
          // the fuzzer's tiny model
          "data": {
            "directory": ".",
            "train": "train.csv",
            "valid": "valid.csv",
            "test": "test.csv",
            "testOptional": true,
            "format": "auto",
            "columns": { "conversation": "conversation_id", "order": "utterance_index", "speaker": "speaker", "text": "text", "label": "label" }
          },
          "tokenizer": { "kind": "word", "lowercase": true, "maxTokens": 12, "minCount": 1, "maxVocabulary": 1000, "glove": null },
          "model": { "embeddingDim": 8, "utteranceHidden": 24, "conversationHidden": 24, "dropout": 0.1, "useCrf": true, "speakerFeature": true, "speakerWindow": 2 },
          "training": {
            "seed": 3, "epochs": {{epochs}}, "patience": 0, "batchSize": 4, "chunkLength": 16, "optimizer": "adam", "learningRate": 0.01,
            "learningRateDecay": 1.0, "weightDecay": 0, "gradientClip": 5.0, "threads": 1, "maxMinutes": null
          }
        }
        """);

    private static string ConversationJson(string id, (string Speaker, string Text, string Label)[] utterances, bool withLabels)
    {
        var parts = utterances.Select(u =>
            $"{{\"speaker\": {Json(u.Speaker)}, \"text\": {Json(u.Text)}" + (withLabels ? $", \"label\": {Json(u.Label)}}}" : "}"));
        return $"{{\"id\": {Json(id)}, \"utterances\": [{string.Join(", ", parts)}]}}";
    }

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static string Speaker(int index) => index % 2 == 0 ? "A" : "B";

    private static string Quote(string field) => "\"" + field.Replace("\"", "\"\"") + "\"";
}
