using DialogueActs.Text;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// A pluggable input feature of the tagger: what it reads from the encoded conversations, the batch
/// tensor it builds from them, the module that turns that tensor into feature vectors, and how it
/// counts and describes its parameters. A feature object holds sizes only, never weights: the
/// <see cref="BatchBuilder"/>, <see cref="ModelSummary"/> and the model archive ask it without building
/// a model, and the model asks it for a fresh module. <see cref="FeatureSet"/> maps
/// <see cref="ModelOptions"/> to the features a model uses.
/// </summary>
/// <remarks>
/// Two kinds exist: a <see cref="WordFeature"/> adds a vector to every token before the utterance
/// Bi-LSTM (like AllenNLP's <c>TokenEmbedder</c>s stacked by a <c>TextFieldEmbedder</c>), an
/// <see cref="UtteranceFeature"/> adds a vector to every utterance before the conversation Bi-LSTM.
/// Each kind's vectors are joined in <see cref="FeatureSet"/> order.
/// </remarks>
public abstract class ModelFeature
{
    private protected ModelFeature()
    {
    }

    /// <summary>Short, unique name of the feature; the key of the batch input it builds (<see cref="Batch.Input"/>).</summary>
    public abstract string Name { get; }

    /// <summary>Size of the vector the feature adds to each token or utterance.</summary>
    public abstract int Size { get; }

    /// <summary>
    /// Name of the feature's module inside the model, the prefix of its parameter names in model files
    /// (never change it: archives store weights by name); null when the feature has no module.
    /// </summary>
    public abstract string? ModuleName { get; }

    /// <summary>The optional parts of <see cref="EncodedConversation"/> the feature reads.</summary>
    public virtual EncodedParts Needs => EncodedParts.None;

    /// <summary>
    /// The key of the batch input the module reads: <see cref="Name"/> (the input <see cref="BuildInput"/>
    /// makes) unless the feature reads a standard input such as <see cref="Batch.TokenInput"/>.
    /// </summary>
    public virtual string InputName => Name;

    /// <summary>Trainable parameters of the feature's module.</summary>
    public abstract long ParameterCount { get; }

    /// <summary>True when <paramref name="conversation"/> holds what <see cref="BuildInput"/> reads.</summary>
    public abstract bool CanRead(EncodedConversation conversation);

    /// <summary>
    /// Builds the feature's batch input from managed arrays, in one copy: <c>[U, L, ...]</c> for a
    /// <see cref="WordFeature"/>, <c>[B, T, ...]</c> for an <see cref="UtteranceFeature"/>; padding is 0.
    /// Called only when <see cref="InputName"/> is <see cref="Name"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A conversation lacks the data the feature reads.</exception>
    public abstract Tensor BuildInput(IReadOnlyList<EncodedConversation> conversations, BatchLayout layout);

    /// <summary>
    /// A new module with fresh weights (seeded by <c>torch.manual_seed</c>), or null when the batch input is
    /// already the feature vector (<c>[..., Size]</c>, float32).
    /// </summary>
    public abstract nn.Module<Tensor, Tensor>? CreateModule();

    /// <summary>Checks a batch input before use.</summary>
    /// <exception cref="ArgumentException">The input does not fit the feature (for example another window size).</exception>
    public virtual void CheckInput(Tensor input)
    {
    }

    /// <summary>The row of the model summary (<see cref="ModelSummary"/>).</summary>
    /// <param name="parameterPrefix">Prefix of the module's parameters in the model, or null without a module.</param>
    public abstract ModelSummaryRow SummaryRow(string? parameterPrefix);

    /// <summary>The error for a batch without this feature's input.</summary>
    internal string MissingInputMessage() => $"This model uses the {Name} feature, but the batch has no '{InputName}' input.";
}

/// <summary>
/// A feature of every token, joined to the other word features before the utterance Bi-LSTM. Its batch
/// input is <c>[utterances, maxTokens, ...]</c>; its module maps the input of <c>n</c> tokens,
/// <c>[n, ...]</c>, to <c>[n, Size]</c>, one token independently of the others, so padding tokens never
/// change a real token's vector.
/// </summary>
public abstract class WordFeature : ModelFeature
{
    private protected WordFeature()
    {
    }

    /// <summary>A new module mapping <c>[n, ...]</c> token inputs to <c>[n, Size]</c>, with fresh weights.</summary>
    public abstract override nn.Module<Tensor, Tensor> CreateModule();
}

/// <summary>
/// A feature of every utterance, joined to the utterance vector before the conversation Bi-LSTM. Its
/// batch input is <c>[conversations, maxUtterances, ...]</c>; its module (if any) maps it to
/// <c>[conversations, maxUtterances, Size]</c>. Rows of padded utterances are never used.
/// </summary>
/// <remarks>
/// A feature that reads whole sentences (a pretrained sentence encoder, say) asks for
/// <see cref="EncodedParts.Texts"/> and builds its <c>[B, T, Size]</c> input from
/// <see cref="EncodedConversation.Texts"/>, with no module, or with a projection module.
/// </remarks>
public abstract class UtteranceFeature : ModelFeature
{
    private protected UtteranceFeature()
    {
    }

    /// <summary>
    /// How many earlier utterances the feature's value at an utterance reads (0: the utterance alone). A session that
    /// tags one utterance at a time keeps that many (<see cref="FeatureSet.Lookback"/>).
    /// </summary>
    public virtual int Lookback => 0;
}
