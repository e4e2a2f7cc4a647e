using DialogueActs.Text;

namespace DialogueActs.Modeling;

/// <summary>What a feature's <see cref="ModelFeature.Prepare"/> may read besides the conversations.</summary>
/// <param name="Encoder">The model's tokenizer and vocabulary (the tokens that get ids: <see cref="TextEncoder.Tokens"/>).</param>
/// <param name="Resources">The resolved resources of the model's features.</param>
/// <param name="Progress">Receives the progress of long preparations (a pretrained encoder over a corpus, say); null for none.</param>
public sealed record FeatureContext(TextEncoder Encoder, FeatureResources Resources, Action<FeatureProgress>? Progress = null);

/// <summary>How far a feature's <see cref="ModelFeature.Prepare"/> has got.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Done">Items done (distinct texts, say).</param>
/// <param name="Total">Items in all.</param>
public readonly record struct FeatureProgress(string Feature, long Done, long Total);
