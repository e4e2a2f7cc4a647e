using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// A linear-chain conditional random field over label sequences. The score of tags
/// <c>y_1..y_n</c> is <c>start[y_1] + Σ emissions[t, y_t] + Σ transitions[y_{t-1}, y_t] + end[y_n]</c>.
/// Training minimises the negative log-likelihood, whose log-partition term and its gradient come from
/// forward-backward; decoding is Viterbi; marginals come from forward-backward, filtering probabilities from the forward
/// recursion. All of them run on managed arrays (<see cref="CrfInference"/>, the recursions the fixed-lag path also
/// runs), sequences in parallel. Padding (mask off) never changes a result.
/// </summary>
public sealed class LinearChainCrf : SequenceOutputLayer
{
    private readonly Parameter _transitions;
    private readonly Parameter _start;
    private readonly Parameter _end;
    private readonly Parameter? _changeTransitions;

    /// <summary>Creates the CRF with scores drawn uniformly from [-0.1, 0.1].</summary>
    /// <param name="labelCount">Number of labels.</param>
    /// <param name="speakerTransitions">
    /// A second transition matrix for steps whose speaker changed (Shang et al. 2020): the first then scores only the
    /// steps where the speaker stayed.
    /// </param>
    public LinearChainCrf(int labelCount, bool speakerTransitions = false) : base(nameof(LinearChainCrf), labelCount)
    {
        _transitions = nn.Parameter(torch.empty(labelCount, labelCount).uniform_(-0.1, 0.1));          // [K_from, K_to]
        _start = nn.Parameter(torch.empty(labelCount).uniform_(-0.1, 0.1));                            // [K]
        _end = nn.Parameter(torch.empty(labelCount).uniform_(-0.1, 0.1));                              // [K]
        if (speakerTransitions) _changeTransitions = nn.Parameter(torch.empty(labelCount, labelCount).uniform_(-0.1, 0.1)); // [K_from, K_to]
        RegisterComponents();
    }

    /// <summary>Transition scores into a step whose speaker changed, <c>[from, to]</c>; null without speaker-change transitions.</summary>
    public Parameter? ChangeTransitions => _changeTransitions;

    /// <summary>Transition scores, <c>[from, to]</c>.</summary>
    public Parameter Transitions => _transitions;

    /// <summary>Scores of starting in each label, <c>[labels]</c>.</summary>
    public Parameter StartScores => _start;

    /// <summary>Scores of ending in each label, <c>[labels]</c>.</summary>
    public Parameter EndScores => _end;

    /// <inheritdoc />
    public override Tensor NegativeLogLikelihood(Tensor emissions, Tensor tags, Tensor mask, Tensor? changes = null)
    {
        CheckShapes(emissions, mask, tags);
        using var scope = torch.NewDisposeScope();
        var logZ = LogPartition(emissions, mask, changes);                                             // [B]
        var gold = Score(emissions, tags, mask, changes);                                              // [B]
        return (logZ - gold).MoveToOuterDisposeScope();                                                // [B]
    }

    /// <summary>The log-partition function <c>log Σ_y exp(score(y))</c>, per sequence. <c>[batch]</c>.</summary>
    /// <remarks>
    /// Forward-backward runs on managed arrays in double precision (<see cref="CrfInference.Expectations"/>), sequences in
    /// parallel, instead of a tensor recursion of a few operations per step and as many again in its backward. The result
    /// carries the exact first derivatives: it is <c>log Z</c> in value, and its gradient is that of the linear term
    /// <c>Σ posterior · emission + Σ pair posterior · transition + first-step posterior · start + last-step posterior · end</c>
    /// (the derivatives of <c>log Z</c>). Second derivatives are not available.
    /// </remarks>
    /// <param name="emissions"><c>[batch, steps, labels]</c>.</param>
    /// <param name="mask">Padding mask, <c>[batch, steps]</c>, bool.</param>
    /// <param name="changes">Whether the speaker changed at each step, <c>[batch, steps]</c>, bool; null: none did.</param>
    public Tensor LogPartition(Tensor emissions, Tensor mask, Tensor? changes = null)
    {
        CheckShapes(emissions, mask);
        using var scope = torch.NewDisposeScope();
        var (crf, scores, lengths, changed) = ToManaged(emissions, mask, changes);
        int batch = lengths.Length, steps = (int)emissions.shape[1], labels = LabelCount, sets = crf.TransitionSets;
        var unary = new float[batch * steps * labels];                                                 // [B*T*K]
        var pairwise = new double[batch * sets * labels * labels];                                     // [B*S*K*K]
        var logZ = new double[batch];                                                                  // [B]
        Parallel.For(0, batch, CrfInference.Parallelism(batch), b =>
            logZ[b] = CrfInference.Expectations(crf, Sequence(scores, b, steps, lengths[b]),
                unary.AsSpan(b * steps * labels, lengths[b] * labels), pairwise.AsSpan(b * sets * labels * labels, sets * labels * labels),
                Changes(changed, b, steps, lengths[b])));
        var value = torch.tensor(logZ).to_type(emissions.dtype);                                        // [B]
        if (!torch.is_grad_enabled()) return value.MoveToOuterDisposeScope();
        var posterior = torch.tensor(unary, new long[] { batch, steps, labels }).to_type(emissions.dtype); // [B, T, K], 0 on padding
        var pairs = torch.tensor(pairwise, new long[] { batch, sets, labels, labels }).to_type(emissions.dtype); // [B, S, K, K]
        var last = torch.tensor(lengths.Select(length => length - 1L).ToArray()).view(-1, 1, 1).expand(-1, 1, labels); // [B, 1, K]
        var linear = (posterior * emissions).sum(new long[] { 1, 2 })                                  // [B]
                     + (pairs * TransitionSet()).sum(new long[] { 1, 2, 3 })
                     + (posterior[TensorIndex.Colon, 0] * _start).sum(1)
                     + (posterior.gather(1, last).squeeze(1) * _end).sum(1);
        return (linear + (value - linear.detach())).MoveToOuterDisposeScope();                         // [B]: log Z, with its gradient
    }

    /// <summary>The transition matrices, <c>[S, K, K]</c>: the one of steps where the speaker stayed, then (with speaker-change transitions) the other.</summary>
    private Tensor TransitionSet() => _changeTransitions is null ? _transitions.unsqueeze(0) : torch.stack([_transitions, _changeTransitions]);

    /// <summary>The score of the given tag sequences, per sequence. <c>[batch]</c>.</summary>
    /// <param name="emissions"><c>[batch, steps, labels]</c>.</param>
    /// <param name="tags">Label ids, any value on padding, <c>[batch, steps]</c>, int64.</param>
    /// <param name="mask">Padding mask, <c>[batch, steps]</c>, bool.</param>
    /// <param name="changes">Whether the speaker changed at each step, <c>[batch, steps]</c>, bool; null: none did.</param>
    public Tensor Score(Tensor emissions, Tensor tags, Tensor mask, Tensor? changes = null)
    {
        CheckShapes(emissions, mask, tags);
        using var scope = torch.NewDisposeScope();
        long steps = emissions.shape[1];
        tags = tags.masked_fill(mask.logical_not(), 0);                                                // [B, T], padding → label 0
        var maskF = mask.to_type(emissions.dtype);                                                     // [B, T]
        var emitted = emissions.gather(2, tags.unsqueeze(2)).squeeze(2);                               // [B, T]
        var score = _start.index_select(0, tags[TensorIndex.Colon, 0])                                 // [B]
                    + (emitted * maskF).sum(1);                                                        // [B]
        if (steps > 1)
        {
            var from = tags[TensorIndex.Colon, TensorIndex.Slice(0, steps - 1)];                       // [B, T-1]
            var to = tags[TensorIndex.Colon, TensorIndex.Slice(1, steps)];                             // [B, T-1]
            var rows = from;                                                                           // [B, T-1]: row of the matrix set
            if (_changeTransitions is not null && changes is not null)
                rows = from + changes[TensorIndex.Colon, TensorIndex.Slice(1, steps)].to_type(ScalarType.Int64) * LabelCount;
            var pairScores = TransitionSet().view(-1, LabelCount).index_select(0, rows.flatten())     // [B*(T-1), K]
                .gather(1, to.flatten().unsqueeze(1)).view(from.shape);                                // [B, T-1]
            score = score + (pairScores * maskF[TensorIndex.Colon, TensorIndex.Slice(1, steps)]).sum(1); // [B]
        }
        var lastIndex = mask.to_type(ScalarType.Int64).sum(1) - 1;                                     // [B]
        var lastTags = tags.gather(1, lastIndex.unsqueeze(1)).squeeze(1);                              // [B]
        score = score + _end.index_select(0, lastTags);                                                // [B]
        return score.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    /// <remarks>Runs on managed arrays (<see cref="CrfInference"/>), conversations in parallel on the torch threads: decoding needs no autograd.</remarks>
    public override SequenceDecoding Decode(Tensor emissions, Tensor mask, Tensor? changes = null)
    {
        CheckShapes(emissions, mask);
        var (crf, scores, lengths, changed) = ToManaged(emissions, mask, changes);
        int batch = lengths.Length, steps = (int)emissions.shape[1], labels = LabelCount;
        var paths = new int[batch][];
        var best = new float[batch];
        Parallel.For(0, batch, CrfInference.Parallelism(batch), b =>
        {
            var sequence = Sequence(scores, b, steps, lengths[b]);                                     // [n*K]
            var (path, score) = CrfInference.Viterbi(crf, crf.Initial(sequence[..labels]), sequence[labels..], withEnd: true, Changes(changed, b, steps, lengths[b]));
            paths[b] = path;
            best[b] = (float)score;
        });
        return new SequenceDecoding(paths, best);
    }

    /// <inheritdoc />
    /// <remarks>Runs on managed arrays (<see cref="CrfInference"/>), conversations in parallel on the torch threads; the result carries no gradient.</remarks>
    public override Tensor Marginals(Tensor emissions, Tensor mask, Tensor? changes = null)
    {
        CheckShapes(emissions, mask);
        var (crf, scores, lengths, changed) = ToManaged(emissions, mask, changes);
        int batch = lengths.Length, steps = (int)emissions.shape[1], labels = LabelCount;
        var result = new float[batch * steps * labels];                                                // [B*T*K], 0 on padding
        Parallel.For(0, batch, CrfInference.Parallelism(batch), b =>
        {
            var sequence = Sequence(scores, b, steps, lengths[b]);                                     // [n*K]
            CrfInference.ForwardBackward(crf, crf.Initial(sequence[..labels]), sequence[labels..], withEnd: true, Changes(changed, b, steps, lengths[b]))
                .Unary(result.AsSpan(b * steps * labels, lengths[b] * labels));
        });
        return torch.tensor(result, new long[] { batch, steps, labels });                               // [B, T, K]
    }

    /// <inheritdoc />
    /// <remarks>
    /// The normalised forward variables, from the managed forward recursion (<see cref="CrfInference.Filtering"/>, the one
    /// <see cref="FixedLagCrf"/> runs a step at a time), conversations in parallel on the torch threads. The result
    /// carries no gradient: nothing trains on filtering probabilities.
    /// </remarks>
    public override Tensor FilteringMarginals(Tensor emissions, Tensor mask, Tensor? changes = null)
    {
        CheckShapes(emissions, mask);
        var (crf, scores, lengths, changed) = ToManaged(emissions, mask, changes);
        int batch = lengths.Length, steps = (int)emissions.shape[1], labels = LabelCount;
        var result = new float[batch * steps * labels];                                                // [B*T*K], 0 on padding
        Parallel.For(0, batch, CrfInference.Parallelism(batch), b =>
        {
            var sequence = Sequence(scores, b, steps, lengths[b]);                                     // [n*K]
            var alpha = CrfInference.Filtering(crf, crf.Initial(sequence[..labels]), sequence[labels..], Changes(changed, b, steps, lengths[b])); // [n*K]
            for (int i = 0; i < alpha.Length; i++) result[b * steps * labels + i] = (float)alpha[i];
        });
        return torch.tensor(result, new long[] { batch, steps, labels });                               // [B, T, K]
    }

    /// <inheritdoc />
    internal override CrfScores ManagedScores()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return new CrfScores(
            _transitions.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray(),
            _start.detach().to_type(ScalarType.Float32).data<float>().ToArray(),
            _end.detach().to_type(ScalarType.Float32).data<float>().ToArray(),
            _changeTransitions?.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray());
    }

    /// <summary>
    /// One copy of everything the managed recursions need: the scores, the emissions (<c>[B*T*K]</c>), the lengths
    /// (<c>[B]</c>) and, for speaker-change transitions, the change flags (<c>[B*T]</c>, else null).
    /// </summary>
    private (CrfScores Crf, float[] Emissions, int[] Lengths, bool[]? Changes) ToManaged(Tensor emissions, Tensor mask, Tensor? changes)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var scores = emissions.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();   // [B*T*K]
        var lengths = mask.to_type(ScalarType.Int32).sum(1, type: ScalarType.Int32).data<int>().ToArray();    // [B]
        if (changes is not null && !changes.shape.SequenceEqual(mask.shape))
            throw new ArgumentException($"changes must have the mask's shape [{string.Join(", ", mask.shape)}] but got [{string.Join(", ", changes.shape)}].", nameof(changes));
        var changed = _changeTransitions is null || changes is null ? null : changes.to_type(ScalarType.Bool).contiguous().data<bool>().ToArray(); // [B*T]
        return (ManagedScores(), scores, lengths, changed);
    }

    /// <summary>The change flags of the later steps of sequence <paramref name="b"/> (<c>[length - 1]</c>), or empty.</summary>
    private static ReadOnlySpan<bool> Changes(bool[]? changes, int b, int steps, int length) =>
        changes is null ? default : changes.AsSpan(b * steps + 1, length - 1);

    /// <summary>The real steps of sequence <paramref name="b"/> of a managed batch, row-major <c>[length, labels]</c>.</summary>
    private ReadOnlySpan<float> Sequence(float[] emissions, int b, int steps, int length) =>
        emissions.AsSpan(b * steps * LabelCount, length * LabelCount);
}
