using DialogueActs.Modeling;
using System.IO.Compression;
using System.Text.Json.Nodes;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Tests.Text;
using DialogueActs.Training;

namespace DialogueActs.Tests.Training;

/// <summary>Training with GloVe initialisation from a tiny vectors file and a sentence encoder behind the on-disk cache.</summary>
public sealed class PretrainedTrainingTests
{
    private const string EncoderName = "hash-encoder";
    private const string Model = ", \"sentenceEncoder\": \"" + EncoderName + "\"";

    /// <summary>A tiny vectors file: some of the corpus's words, and "zebra", which the corpus never uses.</summary>
    private static void WriteVectors(string path)
    {
        var words = new[] { "the", "weather", "my", "car", "do", "you", "like", "yeah", "no", "zebra", "i", "think" };
        var random = new Random(4);
        File.WriteAllLines(path, words.Select(w => w + " " + string.Join(' ', Enumerable.Range(0, 4).Select(_ => (random.NextDouble() - 0.5).ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))));
    }

    [Fact]
    public void ASecondRunReadsEveryVectorFromTheCacheAndTrainsTheSameModel()
    {
        using var corpus = new TinyCorpus(trainConversations: 16, seed: 7);
        WriteVectors(Path.Combine(corpus.Directory, "vectors.txt"));
        string cache = Path.Combine(corpus.Directory, "cache");
        var config = corpus.Config(epochs: 2, tokenizer: ", \"glove\": \"vectors.txt\"", model: Model, training: ", \"sentenceCache\": \"cache\"");

        var first = new HashSentenceEncoder(EncoderName + "/v1");
        var observer = new RecordingObserver();
        var run1 = new Trainer(config, Path.Combine(corpus.Directory, "run1"), observer) { Resources = [first] }.Run(resume: false);
        Assert.Contains(observer.Logs, l => l.StartsWith("feature data (sentences): prepared in ", StringComparison.Ordinal));
        Assert.True(first.Texts > 0);
        Assert.True(Directory.EnumerateFiles(cache).Any(), "the vectors went to the cache folder");

        var second = new HashSentenceEncoder(EncoderName + "/v1");
        var run2 = new Trainer(config, Path.Combine(corpus.Directory, "run2"), new RecordingObserver()) { Resources = [second] }.Run(resume: false);
        Assert.Equal(0, second.Texts);                                                                   // every text from the cache
        Assert.Equal(Entry(run1.ModelPath, "weights.bin"), Entry(run2.ModelPath, "weights.bin"));         // cache hits train exactly as misses
        Assert.Equal(run1.Valid!.Accuracy, run2.Valid!.Accuracy);

        var model = JsonNode.Parse(Entry(run1.ModelPath, "model.json"))!;
        Assert.Equal(EncoderName, (string?)model["sentenceEncoder"]);                                     // the config's name
        var encoder = JsonNode.Parse(Entry(run1.ModelPath, "features/sentences/encoder.json"))!;          // the feature's own entry
        Assert.Equal($"{EncoderName}/v1", (string?)encoder["id"]);
        Assert.Equal(6, (int?)encoder["dimension"]);

        // Reloaded, the model tags as the trained one did.
        using var tagger = DialogueActTagger.Load(run1.ModelPath, new TaggerOptions { Resources = [second] });
        var valid = CorpusReader.Read(corpus.ValidPath, config.Data.Columns, requireLabels: true);
        var report = DialogueActs.Training.Evaluation.TaggerEvaluator.Evaluate(tagger, valid, corpus.ValidPath);
        Assert.Equal(run1.Valid.Accuracy, report.Accuracy);
    }

    [Fact]
    public void AConfigThatNamesAnEncoderNeedsThatEncoder()
    {
        using var corpus = new TinyCorpus(trainConversations: 4, seed: 8);
        var config = corpus.Config(epochs: 1, model: ", \"sentenceEncoder\": \"" + EncoderName + "\"", training: ", \"sentenceCache\": \"cache\"");
        var missing = Assert.Throws<MissingResourceException>(() => new Trainer(config, Path.Combine(corpus.Directory, "run"), new RecordingObserver()).Run(resume: false));
        Assert.StartsWith($"the model's sentences feature needs the sentence-encoder '{EncoderName}', and none was given (model.sentenceEncoder names it", missing.Message);
        var other = new HashSentenceEncoder("hash-encoderX/v1");
        var wrong = Assert.Throws<DialogueActsException>(() => new Trainer(config, Path.Combine(corpus.Directory, "run"), new RecordingObserver()) { Resources = [other] }.Run(resume: false));
        Assert.Equal($"the model's sentences feature needs the sentence-encoder '{EncoderName}': the encoder given is 'hash-encoderX/v1'", wrong.Message);
    }

    private static string Entry(string zipPath, string name)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        using var stream = zip.GetEntry(name)!.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return name.EndsWith(".json", StringComparison.Ordinal) ? System.Text.Encoding.UTF8.GetString(memory.ToArray()) : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(memory.ToArray()));
    }
}
