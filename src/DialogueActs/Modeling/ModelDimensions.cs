namespace DialogueActs.Modeling;

/// <summary>
/// The sizes of a model that its training data sets, not its config: the vocabulary and the label set. The model
/// archive stores them beside the config's <see cref="ModelOptions"/>.
/// </summary>
/// <param name="VocabularySize">Vocabulary size including the padding (0) and unknown (1) ids.</param>
/// <param name="LabelCount">Number of dialogue-act labels.</param>
public sealed record ModelDimensions(int VocabularySize, int LabelCount);
