using System.Diagnostics;
using DialogueActs.Configuration;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Onnx;
using DialogueActs.Text;
using TorchSharp;

namespace DialogueActs.Benchmarks;

/// <summary>
/// A trained <c>model.zip</c> loaded as a user loads it: <see cref="ModelArchive.Read"/>, the MiniLM sentence encoder
/// when the model reads one, and <see cref="DialogueActTagger.Create"/> with no vector cache (every text is encoded,
/// as in service). Corpora are read with the columns stored in the model (<see cref="ReadCorpus"/>).
/// </summary>
internal sealed class BenchmarkModel : IDisposable
{
    /// <summary>The model name that starts the id of <see cref="MiniLmSentenceEncoder"/>, the one sentence encoder the benchmarks know.</summary>
    public const string MiniLm = "all-MiniLM-L6-v2";

    private readonly ModelArchiveContents _archive;
    private readonly MiniLmSentenceEncoder? _sentenceEncoder;

    private BenchmarkModel(string path, ModelArchiveContents archive, MiniLmSentenceEncoder? sentenceEncoder, DialogueActTagger tagger, double loadSeconds)
    {
        Path = path;
        _archive = archive;
        _sentenceEncoder = sentenceEncoder;
        Tagger = tagger;
        LoadSeconds = loadSeconds;
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>The tagger over it.</summary>
    public DialogueActTagger Tagger { get; }

    /// <summary>Reading the archive and creating the sentence encoder (if any) and the tagger.</summary>
    public double LoadSeconds { get; }

    /// <summary>Size of the model file, MiB.</summary>
    public double FileMib => new FileInfo(Path).Length / (1024.0 * 1024.0);

    /// <summary>The sentence encoder's id, or "none".</summary>
    public string SentenceEncoder => _sentenceEncoder?.Id ?? "none";

    /// <summary>Sets the torch threads, then loads the model at <paramref name="path"/> (timed: <see cref="LoadSeconds"/>).</summary>
    /// <param name="path">The model file (model.zip).</param>
    /// <param name="threads">Torch threads and sentence encoder threads.</param>
    /// <exception cref="DialogueActsException">The file is missing or not a valid model, or it reads an unknown sentence encoder.</exception>
    public static BenchmarkModel Load(string path, int threads)
    {
        if (!File.Exists(path)) throw new DialogueActsException($"{path}: file not found");
        torch.set_num_threads(threads);
        var clock = Stopwatch.StartNew();
        var archive = ModelArchive.Read(path);
        var sentenceEncoder = CreateSentenceEncoder(archive.Model.Options.SentenceEncoder, threads, path);
        try
        {
            var tagger = DialogueActTagger.Create(archive, new TaggerOptions { SentenceEncoder = sentenceEncoder });
            return new BenchmarkModel(path, archive, sentenceEncoder, tagger, clock.Elapsed.TotalSeconds);
        }
        catch
        {
            sentenceEncoder?.Dispose();
            throw;
        }
    }

    /// <summary>Reads a corpus (CSV or JSONL, labelled or not) with the columns and format stored in the model.</summary>
    /// <exception cref="DialogueActsException">The corpus is invalid or has no conversations.</exception>
    public IReadOnlyList<Conversation> ReadCorpus(string dataPath)
    {
        var trained = ExperimentConfig.FromArchive(_archive, Path)?.Data;
        var corpus = CorpusReader.Read(dataPath, trained?.Columns ?? new ColumnMapping(), requireLabels: false,
            trained?.CorpusFormat() ?? CorpusFormat.Auto);
        if (corpus.Count == 0) throw new DialogueActsException($"{dataPath}: no conversations");
        return corpus;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Tagger.Dispose();
        _sentenceEncoder?.Dispose();
    }

    /// <summary>The sentence encoder a model reads (<see cref="Modeling.ModelOptions.SentenceEncoder"/>), or null when it reads none.</summary>
    /// <exception cref="DialogueActsException">The id is not MiniLM's.</exception>
    private static MiniLmSentenceEncoder? CreateSentenceEncoder(string? id, int threads, string modelPath)
    {
        if (id is null) return null;
        if (!SentenceEncoderNames.Names(MiniLm, id))
            throw new DialogueActsException(
                $"{modelPath}: model.json: sentenceEncoder: unknown sentence encoder '{DialogueActsException.Excerpt(id)}'; this benchmark knows {MiniLm}");
        return new MiniLmSentenceEncoder(threads);
    }
}
