using DialogueActs.Transformers;
using DialogueActs.Modeling;
using DialogueActs.Onnx;

namespace DialogueActs.Cli;

/// <summary>The feature resources this tool can create: all-MiniLM-L6-v2 for <c>model.sentenceEncoder</c> and for <c>model.transformer</c>.</summary>
internal static class ResourceProviders
{
    /// <summary>Every provider the tool knows.</summary>
    /// <param name="threads">Threads one encoder run uses (default: the number of cores).</param>
    public static IReadOnlyList<IFeatureResourceProvider> All(int? threads = null) => [new MiniLmResourceProvider(threads), new MiniLmTransformerProvider()];

    /// <summary>The names of the resources the tool's providers offer, for error messages.</summary>
    public static IReadOnlyList<string> Known => [MiniLmResourceProvider.ModelName];
}
