using DialogueActs.Text;

namespace DialogueActs.Modeling;

/// <summary>What a feature's <see cref="ModelFeature.Prepare"/> may read besides the conversations.</summary>
/// <param name="Encoder">The model's tokenizer and vocabulary (the tokens that get ids: <see cref="TextEncoder.Tokens"/>).</param>
/// <param name="Resources">The resolved resources of the model's features.</param>
public sealed record FeatureContext(TextEncoder Encoder, FeatureResources Resources);
