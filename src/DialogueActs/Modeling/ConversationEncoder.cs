using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// Runs a bidirectional LSTM (or, for a causal model, a forward LSTM) over the utterance vectors of each
/// conversation, then dropout and a linear layer give one emission score per label. With the conversation
/// LSTM switched off (an ablation) the emissions come straight from the utterance vectors.
/// </summary>
/// <remarks>
/// Conversations of similar length run together (<see cref="LengthBuckets"/>), each group with its own width.
/// The two directions are two LSTM layers (together exactly one bidirectional layer). The forward
/// layer reads conversations left-aligned; the backward layer reads each conversation reversed
/// within its own length, and its outputs are reversed back. Either way a real position's output
/// depends only on real positions, so one dense, unpacked call per direction is exact where the
/// mask is on; outputs at padded positions are never used (the CRF masks them). On CPU this is
/// several times faster than libtorch's packed path.
/// </remarks>
public sealed class ConversationEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Fixed cost of one LSTM time step, in padded utterance positions, for grouping conversations by length.</summary>
    private const int StepCostInUtterances = 8;

    private readonly LSTM? _lstmForward;
    private readonly LSTM? _lstmBackward;
    private readonly ParallelDropout _dropout;
    private readonly Linear _output;

    /// <summary>Creates the encoder.</summary>
    /// <param name="inputSize">Size of an utterance vector (plus extra features).</param>
    /// <param name="hidden">LSTM hidden size per direction.</param>
    /// <param name="labelCount">Number of labels.</param>
    /// <param name="dropout">Dropout before the linear layer.</param>
    /// <param name="useLstm">False drops the conversation LSTM (ablation).</param>
    /// <param name="bidirectional">False keeps the forward LSTM only: a causal encoder (<see cref="ConversationDirection.Forward"/>).</param>
    public ConversationEncoder(int inputSize, int hidden, int labelCount, double dropout, bool useLstm, bool bidirectional = true)
        : base(nameof(ConversationEncoder))
    {
        if (useLstm)
        {
            _lstmForward = nn.LSTM(inputSize, hidden, numLayers: 1, batchFirst: true);
            if (bidirectional) _lstmBackward = nn.LSTM(inputSize, hidden, numLayers: 1, batchFirst: true);
        }
        _dropout = new ParallelDropout(dropout);
        _output = nn.Linear(!useLstm ? inputSize : bidirectional ? 2 * hidden : hidden, labelCount);
        RegisterComponents();
    }

    /// <summary>True when no emission reads a later utterance (no backward LSTM).</summary>
    public bool IsCausal => _lstmBackward is null;

    /// <summary>Computes emission scores.</summary>
    /// <param name="utterances">Utterance vectors, zero-padded, <c>[conversations, maxUtterances, input]</c>.</param>
    /// <param name="lengths">Utterance count of each conversation, <c>[conversations]</c>, int64 on the CPU.</param>
    /// <returns>Emission scores, <c>[conversations, maxUtterances, labels]</c>; rows past a conversation's length are meaningless.</returns>
    public override Tensor forward(Tensor utterances, Tensor lengths)
    {
        using var scope = torch.NewDisposeScope();
        var features = _lstmForward is null ? utterances : EncodeBuckets(utterances, lengths.data<long>().ToArray()); // [B, T, F]
        return _output.call(_dropout.call(features)).MoveToOuterDisposeScope();                            // [B, T, K]
    }

    /// <summary>
    /// The LSTM outputs over conversations grouped by length (<see cref="LengthBuckets"/>): each group runs with its own
    /// width, so conversations of very different lengths in one batch do not pay for each other's padding. Outputs at
    /// padded positions are zero.
    /// </summary>
    /// <param name="utterances"><c>[B, T, D]</c>.</param>
    /// <param name="lengths">Utterance count of each conversation.</param>
    /// <returns><c>[B, T, F]</c>.</returns>
    private Tensor EncodeBuckets(Tensor utterances, long[] lengths)
    {
        long steps = utterances.shape[1];
        var order = Enumerable.Range(0, lengths.Length).OrderBy(i => lengths[i]).ToArray();
        var buckets = LengthBuckets.Split(order.Select(i => lengths[i]).ToArray(), StepCostInUtterances);
        if (buckets.Count == 1) return Encode(utterances, lengths);                                       // [B, T, F]
        var parts = new List<Tensor>(buckets.Count);
        foreach (var (start, count) in buckets)
        {
            var members = order.AsSpan(start, count).ToArray();
            var memberLengths = members.Select(i => lengths[i]).ToArray();
            long width = memberLengths[^1];
            var rows = torch.tensor(members.Select(i => (long)i).ToArray());                              // [n]
            var encoded = Encode(utterances.index_select(0, rows).narrow(1, 0, width), memberLengths);    // [n, w, F]
            parts.Add(width == steps ? encoded : nn.functional.pad(encoded, new long[] { 0, 0, 0, steps - width })); // [n, T, F]
        }
        var inverse = new long[order.Length];
        for (int position = 0; position < order.Length; position++) inverse[order[position]] = position;
        return torch.cat(parts, 0).index_select(0, torch.tensor(inverse));                               // [B, T, F] in input order
    }

    /// <summary>The LSTM outputs of conversations in one dense call per direction. <c>[n, w, D]</c> → <c>[n, w, F]</c>.</summary>
    private Tensor Encode(Tensor utterances, long[] lengths)
    {
        var (forward, _, _) = _lstmForward!.call(utterances);                                              // [n, w, H]
        if (_lstmBackward is null) return forward;
        var reverse = SequenceReversal.Index(lengths, utterances.shape[1]);                               // [n, w]
        var (backward, _, _) = _lstmBackward.call(SequenceReversal.Apply(utterances, reverse));           // [n, w, H], reversed order
        return torch.cat(new[] { forward, SequenceReversal.Apply(backward, reverse) }, 2);                 // [n, w, 2H]
    }

    /// <summary>
    /// One step of a causal encoder: the emissions of the next utterance of each conversation, given the LSTM state
    /// after the previous ones. Equals the row of <see cref="forward"/> at that position (up to rounding).
    /// </summary>
    /// <param name="utterance">The next utterance vector of each conversation, <c>[conversations, 1, input]</c>.</param>
    /// <param name="state">The state after the previous utterances (each <c>[1, conversations, hidden]</c>), or null at the first.</param>
    /// <returns>The emissions, <c>[conversations, 1, labels]</c>, and the state after this utterance (null without an LSTM).</returns>
    /// <exception cref="InvalidOperationException">The encoder is bidirectional: the emission of an utterance reads later ones.</exception>
    public (Tensor Emissions, (Tensor Hidden, Tensor Cell)? State) Step(Tensor utterance, (Tensor Hidden, Tensor Cell)? state)
    {
        if (!IsCausal) throw new InvalidOperationException("A bidirectional conversation encoder cannot run one utterance at a time.");
        using var scope = torch.NewDisposeScope();
        Tensor features = utterance;                                                                       // [B, 1, D]
        (Tensor, Tensor)? next = null;
        if (_lstmForward is not null)
        {
            var (output, hidden, cell) = _lstmForward.call(utterance, state is { } s ? (s.Hidden, s.Cell) : null);   // [B, 1, H]; [1, B, H] twice
            features = output;
            next = (hidden.MoveToOuterDisposeScope(), cell.MoveToOuterDisposeScope());
        }
        return (_output.call(_dropout.call(features)).MoveToOuterDisposeScope(), next);                     // [B, 1, K]
    }
}
