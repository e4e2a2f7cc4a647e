namespace DialogueActs.Modeling;

/// <summary>
/// One size option of the model (a layer size, a filter count, a window), as the config, the model
/// archive's size checks and the model's own validation see it.
/// </summary>
/// <param name="Key">The JSON key in the <c>model</c> section, e.g. <c>embeddingDim</c>.</param>
/// <param name="Value">The configured value.</param>
/// <param name="Minimum">The smallest valid value (the largest is <see cref="ModelOptions.MaxLayerSize"/>).</param>
public readonly record struct ModelSize(string Key, int Value, int Minimum);
