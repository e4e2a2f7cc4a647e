using DialogueActs.Modeling.Transformers;
using DialogueActs.Text;

namespace DialogueActs.Training.Pretrained;

/// <summary>
/// What training puts in front of the features' resources: an on-disk cache (<see cref="CachedSentenceEncoder"/>, in
/// <c>training.sentenceCache</c>) in front of a sentence encoder, so later runs skip the encoder; a memory
/// (<see cref="MemoizingTransformer"/>) in front of a pretrained transformer, so validation after every epoch reuses the
/// frozen states. Other resources are used as they are.
/// </summary>
internal static class TrainingCache
{
    /// <summary>The wrapper for <c>FeatureResources.Resolve</c>: caches in <paramref name="folder"/>.</summary>
    public static Func<object, object> Wrap(string folder) => resource => resource switch
    {
        ISentenceEncoder encoder and not CachedSentenceEncoder => new CachedSentenceEncoder(encoder, folder),
        IPretrainedTransformer transformer and not MemoizingTransformer => new MemoizingTransformer(transformer),
        _ => resource,
    };
}
