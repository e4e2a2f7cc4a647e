using DialogueActs.Onnx;

namespace DialogueActs.Benchmarks;

/// <summary>
/// The sentence encoder a trained model reads, for the benchmarks that load a model as a user loads it
/// (TaggingBenchmark, and SessionBenchmark, which compiles this file too).
/// </summary>
public static class BenchmarkSentenceEncoder
{
    /// <summary>The model name that starts the id of <see cref="MiniLmSentenceEncoder"/>.</summary>
    public const string MiniLm = "all-MiniLM-L6-v2";

    /// <summary>The sentence encoder a model reads, or null when it reads none.</summary>
    /// <param name="id">The model's sentence encoder id (<see cref="Modeling.ModelOptions.SentenceEncoder"/>).</param>
    /// <param name="threads">Threads one encoder run uses.</param>
    /// <param name="modelPath">The model file, for the error message.</param>
    /// <exception cref="DialogueActsException">The id is not MiniLM's.</exception>
    public static MiniLmSentenceEncoder? Create(string? id, int threads, string modelPath)
    {
        if (id is null) return null;
        if (!id.StartsWith(MiniLm + "/", StringComparison.Ordinal))
            throw new DialogueActsException(
                $"{modelPath}: model.json: sentenceEncoder: unknown sentence encoder '{DialogueActsException.Excerpt(id)}'; this benchmark knows {MiniLm}");
        return new MiniLmSentenceEncoder(threads);
    }
}
