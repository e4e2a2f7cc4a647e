using DialogueActs.Modeling;
using DialogueActs.Text;

namespace DialogueActs.Onnx;

/// <summary>
/// Provides <see cref="MiniLmSentenceEncoder"/> to a model's sentence feature (<c>model.sentenceEncoder</c>: all-MiniLM-L6-v2):
/// give it to a tagger (<c>TaggerOptions.ResourceProviders</c>), a trainer, or register it in a host's container as an
/// <see cref="IFeatureResourceProvider"/>.
/// </summary>
/// <param name="intraOpThreads">Threads one encoder run uses; default <see cref="Environment.ProcessorCount"/>.</param>
public sealed class MiniLmResourceProvider(int? intraOpThreads = null) : IFeatureResourceProvider
{
    /// <summary>The model name of the encoder, the start of its <see cref="ISentenceEncoder.Id"/>.</summary>
    public const string ModelName = "all-MiniLM-L6-v2";

    /// <inheritdoc />
    /// <returns>A new <see cref="MiniLmSentenceEncoder"/> when the request is a sentence encoder named all-MiniLM-L6-v2 (or one of its ids); null otherwise.</returns>
    public object? Create(ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Kind == SentenceVectorFeature.ResourceKind && SentenceEncoderNames.Names(ModelName, request.Name)
            ? new MiniLmSentenceEncoder(intraOpThreads) : null;
    }
}
