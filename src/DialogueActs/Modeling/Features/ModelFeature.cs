using DialogueActs.Data;
using DialogueActs.Text;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// A pluggable input feature of the tagger, which owns its data end to end: the per-utterance data it prepares from
/// the conversations (<see cref="Prepare"/>, kept under its <see cref="Name"/> in
/// <see cref="EncodedConversation.Payloads"/>), the outside resources that preparation needs (<see cref="Resources"/>:
/// a pretrained encoder, say), the batch tensor it builds, the module that turns that tensor into feature vectors,
/// what it keeps in the model archive beside its weights (<see cref="ArchiveEntries"/>, <see cref="FromArchive"/>)
/// and how it counts and describes its parameters. A feature object holds sizes and settings only, never weights:
/// the <see cref="BatchBuilder"/>, <see cref="ModelSummary"/> and the model archive ask it without building a model,
/// and the model asks it for a fresh module. <see cref="FeatureSet"/> maps <see cref="ModelOptions"/> to the
/// features a model uses.
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

    /// <summary>
    /// True when the feature prepares data of its own (<see cref="Prepare"/>); false when it reads only what every
    /// encoded conversation has (token ids, speakers).
    /// </summary>
    public virtual bool HasPayload => false;

    /// <summary>
    /// The feature's data for each conversation, one array per conversation with one element per utterance, kept
    /// under <see cref="Name"/> in <see cref="EncodedConversation.Payloads"/>; <see cref="BuildInput"/> reads it.
    /// Called with many conversations at once (a feature that runs a pretrained encoder can batch their texts).
    /// Only called when <see cref="HasPayload"/> is true.
    /// </summary>
    /// <param name="conversations">The conversations, as read.</param>
    /// <param name="context">The model's tokenizer and the resolved resources (<see cref="Resources"/>).</param>
    /// <exception cref="DialogueActsException">A resource fails (a sentence encoder's error, say).</exception>
    public virtual Array[] Prepare(IReadOnlyList<Conversation> conversations, FeatureContext context) =>
        throw new NotSupportedException($"The {Name} feature prepares no data of its own.");

    /// <summary>The outside resources <see cref="Prepare"/> needs (none by default).</summary>
    public virtual IReadOnlyList<ResourceRequest> Resources => [];

    /// <summary>
    /// Whether <paramref name="resource"/> can serve <paramref name="request"/> (one of <see cref="Resources"/>): it
    /// fits, it is another kind of resource, or it is of the right kind but not the one the model needs (say why).
    /// </summary>
    public virtual ResourceFit Fit(ResourceRequest request, object resource) => ResourceFit.OtherKind;

    /// <summary>
    /// The feature with what it learns from its resolved resources when a model is created for training (a sentence
    /// encoder's exact id and vector size, say); the feature itself when it learns nothing.
    /// </summary>
    public virtual ModelFeature Bind(FeatureResources resources) => this;

    /// <summary>True when the feature knows all its sizes (<see cref="Bind"/> or <see cref="FromArchive"/> ran where it needs to).</summary>
    public virtual bool IsBound => true;

    /// <summary>
    /// What the feature keeps in the model archive beside its weights, each entry stored under
    /// <c>features/{Name}/</c> (for example the exact id and size of the encoder it was trained with); none by default.
    /// </summary>
    public virtual IReadOnlyList<FeatureEntry> ArchiveEntries() => [];

    /// <summary>
    /// The feature as a model archive stores it: reads and checks its entries (<see cref="ArchiveEntries"/>) before any
    /// tensor is made. The feature itself when it keeps none.
    /// </summary>
    /// <exception cref="DialogueActsException">An entry is missing or invalid; the message names the archive and the entry.</exception>
    public virtual ModelFeature FromArchive(FeatureEntryReader entries) => this;

    /// <summary>
    /// Bytes the feature's module takes in the archive's weights entry (4 per parameter by default): the archive refuses
    /// sizes that its weights cannot hold before allocating anything.
    /// </summary>
    public virtual long StoredBytes => ParameterCount * sizeof(float);

    /// <summary>
    /// The key of the batch input the module reads: <see cref="Name"/> (the input <see cref="BuildInput"/>
    /// makes) unless the feature reads a standard input such as <see cref="Batch.TokenInput"/>.
    /// </summary>
    public virtual string InputName => Name;

    /// <summary>Trainable parameters of the feature's module.</summary>
    public abstract long ParameterCount { get; }

    /// <summary>
    /// True when the feature's module starts from pretrained weights (a transformer's top layers, say): its parameters
    /// train at the encoder's learning rate, after a warm-up, not at the rate of the weights that start from scratch.
    /// </summary>
    public virtual bool FineTunesPretrainedWeights => false;

    /// <summary>True when <paramref name="conversation"/> holds what <see cref="BuildInput"/> reads: the feature's payload, when it has one.</summary>
    public virtual bool CanRead(EncodedConversation conversation) => !HasPayload || conversation.Payloads.ContainsKey(Name);

    /// <summary>
    /// Builds the feature's batch input from managed arrays, in one copy: <c>[U, L, ...]</c> for a
    /// <see cref="WordFeature"/>, <c>[B, T, ...]</c> for an <see cref="UtteranceFeature"/>; padding is 0.
    /// Called only when <see cref="InputName"/> is <see cref="Name"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A conversation lacks the data the feature reads.</exception>
    public abstract Tensor BuildInput(IReadOnlyList<EncodedConversation> conversations, BatchLayout layout);

    /// <summary>
    /// Every batch input the feature builds, by name: by default <see cref="BuildInput"/> under <see cref="Name"/>. A
    /// feature whose module reads several tensors (an <see cref="UtteranceFeature"/> that runs each distinct text once,
    /// say) builds them all here, named <see cref="Name"/> and <c>{Name}.{part}</c>, and reads them in
    /// <see cref="UtteranceFeature.Apply"/>. Called only when <see cref="InputName"/> is <see cref="Name"/>.
    /// </summary>
    public virtual IEnumerable<(string Name, Tensor Input)> BuildInputs(IReadOnlyList<EncodedConversation> conversations, BatchLayout layout) =>
        [(Name, BuildInput(conversations, layout))];

    /// <summary>
    /// A new module with fresh weights (seeded by <c>torch.manual_seed</c>; a feature bound to a pretrained resource may
    /// start from the resource's weights), or null when the batch input is already the feature vector
    /// (<c>[..., Size]</c>, float32).
    /// </summary>
    public abstract nn.Module? CreateModule();

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
/// A feature that reads whole sentences (a pretrained sentence encoder, say) prepares a vector per utterance from the
/// texts (<see cref="ModelFeature.Prepare"/>) and builds its <c>[B, T, Size]</c> input from them, with no module, or
/// with a projection module.
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

    /// <summary>
    /// The feature's vectors of a batch, <c>[conversations, maxUtterances, Size]</c>: by default its module (an
    /// <c>nn.Module&lt;Tensor, Tensor&gt;</c>, or none) applied to its input (<see cref="ModelFeature.InputName"/>).
    /// A feature with several inputs (<see cref="ModelFeature.BuildInputs"/>) reads them here.
    /// </summary>
    /// <param name="module">The module <see cref="ModelFeature.CreateModule"/> made, or null.</param>
    /// <param name="batch">The batch.</param>
    /// <exception cref="ArgumentException">The batch lacks the feature's input, or it does not fit.</exception>
    public virtual Tensor Apply(nn.Module? module, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var input = batch.Input(InputName) ?? throw new ArgumentException(MissingInputMessage(), nameof(batch));
        CheckInput(input);
        return module switch
        {
            null => input,
            nn.Module<Tensor, Tensor> m => m.call(input),
            _ => throw new InvalidOperationException($"The {Name} feature's module reads more than one tensor: override Apply."),
        };
    }
}
