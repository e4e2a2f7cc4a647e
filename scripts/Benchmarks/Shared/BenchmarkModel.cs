using System.Diagnostics;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Onnx;
using TorchSharp;

namespace DialogueActs.Benchmarks;

/// <summary>
/// A trained <c>model.zip</c> loaded as a user loads it: <see cref="ModelArchive.Read"/>, and
/// <see cref="DialogueActTagger.Create"/> with the tool's resource providers (the MiniLM sentence encoder for a model
/// that reads one, with no vector cache: every text is encoded, as in service). Corpora are read with the layout
/// stored in the model (<see cref="ReadCorpus"/>).
/// </summary>
internal sealed class BenchmarkModel : IDisposable
{
    private readonly ModelArchiveContents _archive;

    private BenchmarkModel(string path, ModelArchiveContents archive, DialogueActTagger tagger, double loadSeconds)
    {
        Path = path;
        _archive = archive;
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

    /// <summary>The names of the outside resources the model's features read (a sentence encoder's id, say), or "none".</summary>
    public string SentenceEncoder => Tagger.Features.Resources.Select(r => r.Name).DefaultIfEmpty("none").Aggregate((a, b) => $"{a},{b}");

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
        var tagger = DialogueActTagger.Create(archive, new TaggerOptions { ResourceProviders = [new MiniLmResourceProvider(threads), new DialogueActs.Transformers.MiniLmTransformerProvider()] });
        return new BenchmarkModel(path, archive, tagger, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Reads a corpus (CSV or JSONL, labelled or not) with the columns and format stored in the model.</summary>
    /// <exception cref="DialogueActsException">The corpus is invalid or has no conversations.</exception>
    public IReadOnlyList<Conversation> ReadCorpus(string dataPath)
    {
        var corpus = CorpusReader.Read(dataPath, _archive.Input.Columns, requireLabels: false, _archive.Input.Format);
        if (corpus.Count == 0) throw new DialogueActsException($"{dataPath}: no conversations");
        return corpus;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Tagger.Dispose();
    }
}
