using DialogueActs.Text;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// Speaker flags (<c>model.speakerFeature</c>, <c>model.speakerWindow</c>): flag k (1 ≤ k ≤ window) of
/// utterance t is 1 when its speaker differs from that of utterance t−k (see
/// <see cref="EncodedConversation.SpeakerFlags"/>). Its batch input,
/// <c>[conversations, maxUtterances, window]</c> float32, is the feature vector itself (no module).
/// </summary>
public sealed class SpeakerChangeFeature : UtteranceFeature
{
    /// <summary>The feature's name, and the key of its batch input.</summary>
    public const string FeatureName = "speakers";

    /// <summary>Creates the feature.</summary>
    /// <param name="window">How many earlier utterances each utterance compares its speaker with; at least 1.</param>
    public SpeakerChangeFeature(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        Size = window;
    }

    /// <inheritdoc />
    public override string Name => FeatureName;

    /// <summary>The window: one flag per earlier utterance compared.</summary>
    public override int Size { get; }

    /// <inheritdoc />
    public override string? ModuleName => null;

    /// <summary>The window: the flags compare with that many earlier speakers.</summary>
    public override int Lookback => Size;

    /// <inheritdoc />
    public override long ParameterCount => 0;

    /// <summary>The feature for <paramref name="options"/>, or null when <c>speakerFeature</c> is off.</summary>
    public static SpeakerChangeFeature? From(ModelOptions options, ModelDimensions dimensions) => options.SpeakerFeature ? new SpeakerChangeFeature(options.SpeakerWindow) : null;

    /// <summary>The size options of the feature, checked whether it is on or off.</summary>
    public static IEnumerable<ModelSize> Sizes(ModelOptions options) => [new("speakerWindow", options.SpeakerWindow, 1)];

    /// <inheritdoc />
    public override bool CanRead(EncodedConversation conversation) => conversation.Speakers is not null;

    /// <inheritdoc />
    public override Tensor BuildInput(IReadOnlyList<EncodedConversation> conversations, BatchLayout layout)
    {
        int window = Size;
        var flags = new float[conversations.Count * layout.MaxUtterances * window];
        for (int b = 0; b < conversations.Count; b++)
        {
            var c = conversations[b];
            if (c.Speakers is null) throw new ArgumentException($"This model uses the speaker feature, but conversation '{c.Id}' has no speakers.", nameof(conversations));
            for (int t = 0; t < c.Length; t++)
                c.SpeakerFlags(t, window, flags.AsSpan((b * layout.MaxUtterances + t) * window, window));
        }
        return tensor(flags, new long[] { conversations.Count, layout.MaxUtterances, window });         // [B, T, S]
    }

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor>? CreateModule() => null;

    /// <inheritdoc />
    public override void CheckInput(Tensor input)
    {
        if (input.shape[^1] != Size)
            throw new ArgumentException($"This model uses a speaker window of {Size}, but the batch has {input.shape[^1]} speaker flags.", "batch");
    }

    /// <inheritdoc />
    public override ModelSummaryRow SummaryRow(string? parameterPrefix) => new(
        "speakers (SpeakerChangeFeature)", $"(conversations, turns, {Size})", 0, parameterPrefix,
        Size == 1 ? "1 speaker-change flag, joined to each utterance vector" : $"{Size} speaker flags, joined to each utterance vector");
}
