using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// Runs a bidirectional LSTM over the utterance vectors of each conversation (packed by
/// conversation length), then dropout and a linear layer give one emission score per label.
/// With the conversation LSTM switched off (an ablation) the emissions come straight from the
/// utterance vectors.
/// </summary>
public sealed class ConversationEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly LSTM? _lstm;
    private readonly Dropout _dropout;
    private readonly Linear _output;

    /// <summary>Creates the encoder.</summary>
    /// <param name="inputSize">Size of an utterance vector (plus extra features).</param>
    /// <param name="hidden">LSTM hidden size per direction.</param>
    /// <param name="labelCount">Number of labels.</param>
    /// <param name="dropout">Dropout before the linear layer.</param>
    /// <param name="useLstm">False drops the conversation LSTM (ablation).</param>
    public ConversationEncoder(int inputSize, int hidden, int labelCount, double dropout, bool useLstm) : base(nameof(ConversationEncoder))
    {
        _lstm = useLstm ? nn.LSTM(inputSize, hidden, numLayers: 1, batchFirst: true, bidirectional: true) : null;
        _dropout = nn.Dropout(dropout);
        _output = nn.Linear(useLstm ? 2 * hidden : inputSize, labelCount);
        RegisterComponents();
    }

    /// <summary>Computes emission scores.</summary>
    /// <param name="utterances">Utterance vectors, zero-padded, <c>[conversations, maxUtterances, input]</c>.</param>
    /// <param name="lengths">Utterance count of each conversation, <c>[conversations]</c>, int64 on the CPU.</param>
    /// <returns>Emission scores, <c>[conversations, maxUtterances, labels]</c>.</returns>
    public override Tensor forward(Tensor utterances, Tensor lengths)
    {
        if (_lstm is null)
        {
            using var dropped = _dropout.call(utterances);                                            // [B, T, D]
            return _output.call(dropped);                                                             // [B, T, K]
        }

        long maxUtterances = utterances.shape[1];
        using var packed = nn.utils.rnn.pack_padded_sequence(utterances, lengths, batch_first: true, enforce_sorted: false);
        var (output, hN, cN) = _lstm.call(packed);
        hN.Dispose();
        cN.Dispose();
        var (hidden, paddedLengths) = nn.utils.rnn.pad_packed_sequence(output, batch_first: true, total_length: maxUtterances); // [B, T, 2H]
        paddedLengths.Dispose();
        output.Dispose();
        using (hidden)
        using (var droppedHidden = _dropout.call(hidden))                                             // [B, T, 2H]
        {
            return _output.call(droppedHidden);                                                       // [B, T, K]
        }
    }
}
