using DialogueActs.Text;

namespace DialogueActs.Training.Pretrained;

/// <summary>
/// What training puts in front of the features' resources: an on-disk cache (<see cref="CachedSentenceEncoder"/>, in
/// <c>training.sentenceCache</c>) in front of a sentence encoder, so later runs skip the encoder. Other resources are used
/// as they are.
/// </summary>
internal static class TrainingCache
{
    /// <summary>The wrapper for <c>FeatureResources.Resolve</c>: caches in <paramref name="folder"/>.</summary>
    public static Func<object, object> Wrap(string folder) =>
        resource => resource is ISentenceEncoder encoder and not CachedSentenceEncoder ? new CachedSentenceEncoder(encoder, folder) : resource;
}
