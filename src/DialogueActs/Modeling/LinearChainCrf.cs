using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// A linear-chain conditional random field over label sequences. The score of tags
/// <c>y_1..y_n</c> is <c>start[y_1] + Σ emissions[t, y_t] + Σ transitions[y_{t-1}, y_t] + end[y_n]</c>.
/// Training minimises the negative log-likelihood, whose log-partition term and its gradient come from
/// forward-backward on managed arrays; decoding is Viterbi; marginals come from forward-backward.
/// Padding (mask off) never changes a result.
/// </summary>
public sealed class LinearChainCrf : SequenceOutputLayer
{
    private readonly Parameter _transitions;
    private readonly Parameter _start;
    private readonly Parameter _end;

    /// <summary>Creates the CRF with scores drawn uniformly from [-0.1, 0.1].</summary>
    public LinearChainCrf(int labelCount) : base(nameof(LinearChainCrf), labelCount)
    {
        _transitions = nn.Parameter(torch.empty(labelCount, labelCount).uniform_(-0.1, 0.1));          // [K_from, K_to]
        _start = nn.Parameter(torch.empty(labelCount).uniform_(-0.1, 0.1));                            // [K]
        _end = nn.Parameter(torch.empty(labelCount).uniform_(-0.1, 0.1));                              // [K]
        RegisterComponents();
    }

    /// <summary>Transition scores, <c>[from, to]</c>.</summary>
    public Parameter Transitions => _transitions;

    /// <summary>Scores of starting in each label, <c>[labels]</c>.</summary>
    public Parameter StartScores => _start;

    /// <summary>Scores of ending in each label, <c>[labels]</c>.</summary>
    public Parameter EndScores => _end;

    /// <inheritdoc />
    public override Tensor NegativeLogLikelihood(Tensor emissions, Tensor tags, Tensor mask)
    {
        CheckShapes(emissions, mask, tags);
        using var scope = torch.NewDisposeScope();
        var logZ = LogPartition(emissions, mask);                                                      // [B]
        var gold = Score(emissions, tags, mask);                                                       // [B]
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
    public Tensor LogPartition(Tensor emissions, Tensor mask)
    {
        CheckShapes(emissions, mask);
        using var scope = torch.NewDisposeScope();
        var (scores, lengths, transitions, start, end) = ToManaged(emissions, mask);
        int batch = lengths.Length, steps = (int)emissions.shape[1], labels = LabelCount;
        var expTransitions = CrfInference.Exp(transitions);
        var unary = new float[batch * steps * labels];
        var pairwise = new double[batch * labels * labels];
        var logZ = new double[batch];
        Parallel.For(0, batch, CrfInference.Parallelism(batch), b =>
            logZ[b] = CrfInference.Expectations(scores, b * steps * labels, lengths[b], labels, expTransitions, start, end,
                unary.AsSpan(b * steps * labels, lengths[b] * labels), pairwise.AsSpan(b * labels * labels, labels * labels)));
        var value = torch.tensor(logZ).to_type(emissions.dtype);                                        // [B]
        if (!torch.is_grad_enabled()) return value.MoveToOuterDisposeScope();
        var posterior = torch.tensor(unary, new long[] { batch, steps, labels }).to_type(emissions.dtype); // [B, T, K], 0 on padding
        var pairs = torch.tensor(pairwise, new long[] { batch, labels, labels }).to_type(emissions.dtype); // [B, K, K]
        var last = torch.tensor(lengths.Select(length => length - 1L).ToArray()).view(-1, 1, 1).expand(-1, 1, labels); // [B, 1, K]
        var linear = (posterior * emissions).sum(new long[] { 1, 2 })                                  // [B]
                     + (pairs * _transitions).sum(new long[] { 1, 2 })
                     + (posterior[TensorIndex.Colon, 0] * _start).sum(1)
                     + (posterior.gather(1, last).squeeze(1) * _end).sum(1);
        return (linear + (value - linear.detach())).MoveToOuterDisposeScope();                         // [B]: log Z, with its gradient
    }

    /// <summary>The score of the given tag sequences, per sequence. <c>[batch]</c>.</summary>
    public Tensor Score(Tensor emissions, Tensor tags, Tensor mask)
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
            var pairScores = _transitions.index_select(0, from.flatten())                              // [B*(T-1), K]
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
    public override SequenceDecoding Decode(Tensor emissions, Tensor mask)
    {
        CheckShapes(emissions, mask);
        var (scores, lengths, transitions, start, end) = ToManaged(emissions, mask);
        int batch = lengths.Length, steps = (int)emissions.shape[1], labels = LabelCount;
        var paths = new int[batch][];
        var best = new float[batch];
        Parallel.For(0, batch, CrfInference.Parallelism(batch), b =>
        {
            var (path, score) = CrfInference.Viterbi(scores, b * steps * labels, lengths[b], labels, transitions, start, end);
            paths[b] = path;
            best[b] = (float)score;
        });
        return new SequenceDecoding(paths, best);
    }

    /// <inheritdoc />
    /// <remarks>Runs on managed arrays (<see cref="CrfInference"/>), conversations in parallel on the torch threads; the result carries no gradient.</remarks>
    public override Tensor Marginals(Tensor emissions, Tensor mask)
    {
        CheckShapes(emissions, mask);
        var (scores, lengths, transitions, start, end) = ToManaged(emissions, mask);
        int batch = lengths.Length, steps = (int)emissions.shape[1], labels = LabelCount;
        var result = new float[batch * steps * labels];
        var expTransitions = CrfInference.Exp(transitions);
        Parallel.For(0, batch, CrfInference.Parallelism(batch), b =>
        {
            var marginals = CrfInference.Marginals(scores, b * steps * labels, lengths[b], labels, expTransitions, start, end);
            marginals.CopyTo(result, b * steps * labels);
        });
        return torch.tensor(result, new long[] { batch, steps, labels });                               // [B, T, K]
    }

    /// <inheritdoc />
    /// <remarks>The softmax over labels of the forward recursion's variables; runs on tensors, with autograd when enabled.</remarks>
    public override Tensor FilteringMarginals(Tensor emissions, Tensor mask)
    {
        CheckShapes(emissions, mask);
        using var scope = torch.NewDisposeScope();
        var alphas = torch.stack(Forward(emissions, mask), 1);                                          // [B, T, K]
        var probabilities = alphas.softmax(2);                                                         // [B, T, K]
        return (probabilities * mask.unsqueeze(2).to_type(probabilities.dtype)).MoveToOuterDisposeScope(); // [B, T, K]
    }

    /// <inheritdoc />
    internal override CrfScores ManagedScores()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return new CrfScores(
            _transitions.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray(),
            _start.detach().to_type(ScalarType.Float32).data<float>().ToArray(),
            _end.detach().to_type(ScalarType.Float32).data<float>().ToArray());
    }

    /// <summary>One copy of everything the managed recursions need.</summary>
    private (float[] Emissions, int[] Lengths, float[] Transitions, float[] Start, float[] End) ToManaged(Tensor emissions, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var scores = emissions.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();   // [B*T*K]
        var lengths = mask.to_type(ScalarType.Int32).sum(1, type: ScalarType.Int32).data<int>().ToArray();    // [B]
        var crf = ManagedScores();
        return (scores, lengths, crf.Transitions, crf.Start, crf.End);
    }

    /// <summary>
    /// The forward recursion: <c>alpha_t[k]</c> is the log-sum of the scores of all prefixes ending in
    /// label k at step t, emissions included. On padding steps alpha is carried over unchanged.
    /// </summary>
    private Tensor[] Forward(Tensor emissions, Tensor mask)
    {
        long steps = emissions.shape[1];
        var alphas = new Tensor[steps];
        // Additions pass a pinned alpha: this loop runs once per step of every batch it serves (PinnedScalars).
        alphas[0] = _start.add(emissions[TensorIndex.Colon, 0], PinnedScalars.One);                    // [B, K]
        for (long t = 1; t < steps; t++)
        {
            var previous = alphas[t - 1].unsqueeze(2);                                                 // [B, K_from, 1]
            var next = torch.logsumexp(previous.add(_transitions, PinnedScalars.One), 1)
                .add(emissions[TensorIndex.Colon, t], PinnedScalars.One);                              // [B, K_to]
            alphas[t] = torch.where(mask[TensorIndex.Colon, t].unsqueeze(1), next, alphas[t - 1]);    // [B, K]
        }
        return alphas;
    }
}
