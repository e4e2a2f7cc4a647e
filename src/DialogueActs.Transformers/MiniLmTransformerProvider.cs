using DialogueActs.Modeling;
using DialogueActs.Modeling.Transformers;
using DialogueActs.Text;
using TorchSharp;

namespace DialogueActs.Transformers;

/// <summary>
/// Provides <see cref="MiniLmTransformer"/> to a model's transformer features (<c>model.transformer.encoder</c>:
/// all-MiniLM-L6-v2): give it to a tagger (<c>TaggerOptions.ResourceProviders</c>), a trainer, or register it in a host's
/// container as an <see cref="IFeatureResourceProvider"/>.
/// </summary>
/// <param name="frozenPrecision">The type the frozen layers compute in (see <see cref="MiniLmTransformer(torch.ScalarType)"/>).</param>
public sealed class MiniLmTransformerProvider(torch.ScalarType frozenPrecision = torch.ScalarType.BFloat16) : IFeatureResourceProvider
{
    /// <inheritdoc />
    /// <returns>A new <see cref="MiniLmTransformer"/> when the request is a transformer named all-MiniLM-L6-v2 (or one of its ids); null otherwise.</returns>
    public object? Create(ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Kind == IPretrainedTransformer.ResourceKind && SentenceEncoderNames.Names(MiniLmTransformer.ModelName, request.Name)
            ? new MiniLmTransformer(frozenPrecision) : null;
    }
}
