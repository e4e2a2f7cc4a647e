using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// Runs a bidirectional LSTM over the utterance vectors of each conversation, then dropout and a
/// linear layer give one emission score per label. With the conversation LSTM switched off (an
/// ablation) the emissions come straight from the utterance vectors.
/// </summary>
/// <remarks>
/// The two directions are two LSTM layers (together exactly one bidirectional layer). The forward
/// layer reads conversations left-aligned; the backward layer reads each conversation reversed
/// within its own length, and its outputs are reversed back. Either way a real position's output
/// depends only on real positions, so one dense, unpacked call per direction is exact where the
/// mask is on; outputs at padded positions are never used (the CRF masks them). On CPU this is
/// several times faster than libtorch's packed path.
/// </remarks>
public sealed class ConversationEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly LSTM? _lstmForward;
    private readonly LSTM? _lstmBackward;
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
        if (useLstm)
        {
            _lstmForward = nn.LSTM(inputSize, hidden, numLayers: 1, batchFirst: true);
            _lstmBackward = nn.LSTM(inputSize, hidden, numLayers: 1, batchFirst: true);
        }
        _dropout = nn.Dropout(dropout);
        _output = nn.Linear(useLstm ? 2 * hidden : inputSize, labelCount);
        RegisterComponents();
    }

    /// <summary>Computes emission scores.</summary>
    /// <param name="utterances">Utterance vectors, zero-padded, <c>[conversations, maxUtterances, input]</c>.</param>
    /// <param name="lengths">Utterance count of each conversation, <c>[conversations]</c>, int64 on the CPU.</param>
    /// <returns>Emission scores, <c>[conversations, maxUtterances, labels]</c>; rows past a conversation's length are meaningless.</returns>
    public override Tensor forward(Tensor utterances, Tensor lengths)
    {
        using var scope = torch.NewDisposeScope();
        Tensor features = utterances;                                                                      // [B, T, D]
        if (_lstmForward is not null && _lstmBackward is not null)
        {
            var reverse = SequenceReversal.Index(lengths.data<long>().ToArray(), utterances.shape[1]);              // [B, T]
            var (forward, _, _) = _lstmForward.call(utterances);                                           // [B, T, H]
            var (backward, _, _) = _lstmBackward.call(SequenceReversal.Apply(utterances, reverse));                        // [B, T, H], reversed order
            features = torch.cat(new[] { forward, SequenceReversal.Apply(backward, reverse) }, 2);                         // [B, T, 2H]
        }
        return _output.call(_dropout.call(features)).MoveToOuterDisposeScope();                            // [B, T, K]
    }
}
