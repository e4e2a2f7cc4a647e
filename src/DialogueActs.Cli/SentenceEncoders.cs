using DialogueActs.Onnx;
using DialogueActs.Text;

namespace DialogueActs.Cli;

/// <summary>The sentence encoders this tool can create for <c>model.sentenceEncoder</c>, by name or by a trained model's exact id.</summary>
internal static class SentenceEncoders
{
    /// <summary>The model name of <see cref="MiniLmSentenceEncoder"/>, the start of its <see cref="ISentenceEncoder.Id"/>.</summary>
    public const string MiniLm = "all-MiniLM-L6-v2";

    /// <summary>The encoder a trained model reads (<see cref="Modeling.ModelOptions.SentenceEncoder"/>), or null when it reads none.</summary>
    /// <exception cref="DialogueActsException">The model names an encoder this tool does not know.</exception>
    /// <param name="options">The model's options.</param>
    /// <param name="modelPath">The model file, for error messages.</param>
    /// <param name="threads">Threads one encoder run uses (default: the number of cores).</param>
    public static MiniLmSentenceEncoder? ForModel(Modeling.ModelOptions options, string modelPath, int? threads = null) =>
        Create(options.SentenceEncoder, threads ?? Environment.ProcessorCount, $"{modelPath}: model.json: sentenceEncoder");

    /// <summary>The encoder <paramref name="nameOrId"/> names (its model name, or an id that starts with it and a '/'), or null for null.</summary>
    /// <param name="nameOrId">A config's <c>model.sentenceEncoder</c>, or a trained model's encoder id.</param>
    /// <param name="threads">Threads one encoder run uses.</param>
    /// <param name="source">Where the name comes from, for the error message (a config path, or a model file).</param>
    /// <exception cref="DialogueActsException">The name is not one this tool knows.</exception>
    public static MiniLmSentenceEncoder? Create(string? nameOrId, int threads, string source)
    {
        if (nameOrId is null) return null;
        if (SentenceEncoderNames.Names(MiniLm, nameOrId))
            return new MiniLmSentenceEncoder(threads);
        throw new DialogueActsException($"{source}: unknown sentence encoder '{DialogueActsException.Excerpt(nameOrId)}'; this tool knows {MiniLm}");
    }
}
