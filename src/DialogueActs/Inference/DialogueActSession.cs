using DialogueActs.Data;
using DialogueActs.Modeling;
using DialogueActs.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Inference;

/// <summary>
/// The <see cref="IDialogueActSession"/> of a <see cref="DialogueActTagger"/> over a causal model. Per utterance it
/// encodes the new utterance alone, runs one step of the conversation LSTM from the carried state
/// (<see cref="HierarchicalTagger.Step"/>) and one step of the CRF (<see cref="FixedLagCrf"/>). It keeps the LSTM
/// state, the last <see cref="FeatureSet.Lookback"/> encoded utterances (for the speaker flags) and the CRF window:
/// memory that does not grow with the conversation.
/// </summary>
internal sealed class DialogueActSession : IDialogueActSession
{
    private const string ContextId = "session";

    private readonly object _sync = new();
    private readonly DialogueActTagger.SessionModel _model;
    private string? _previousSpeaker;                                                                  // null before the first utterance
    private readonly FixedLagCrf _crf;
    private readonly List<(string Speaker, EncodedConversation? Utterance)> _context = new();          // the last Lookback + 1 utterances; null: restored, only its speaker known
    private readonly List<int> _reported = new();                                                      // labels last returned, from _reportedStart on
    private int _reportedStart;
    private (Tensor Hidden, Tensor Cell)? _state;                                                      // [1, 1, H] each
    private bool _ended;
    private bool _disposed;

    public DialogueActSession(DialogueActTagger.SessionModel model, int lag)
    {
        _model = model;
        Lag = lag;
        _crf = new FixedLagCrf(model.Model.OutputLayer.ManagedScores(), lag, model.Temperature);
    }

    /// <summary>A session continued from a saved state (<see cref="SaveState"/>), checked against the model.</summary>
    /// <exception cref="DialogueActsException">The bytes are not a state of this model (one line, <c>session state: ...</c>).</exception>
    public DialogueActSession(DialogueActTagger.SessionModel model, ReadOnlySpan<byte> state)
    {
        _model = model;
        var saved = SessionState.Read(state, Shape(model));
        Lag = saved.Lag;
        _crf = FixedLagCrf.Restore(model.Model.OutputLayer.ManagedScores(), saved.Lag, saved.Count, saved.Window, model.Temperature);
        _previousSpeaker = saved.LastSpeaker;
        _reported.AddRange(saved.Reported);
        _reportedStart = saved.Count - saved.Reported.Length;
        foreach (var speaker in saved.Speakers) _context.Add((speaker, null));
        if (saved.Hidden is { } hidden)
        {
            long[] shape = [1, 1, hidden.Length];                                                      // [layers, batch, hidden]
            _state = (torch.tensor(hidden, shape), torch.tensor(saved.Cell!, shape));
        }
    }

    /// <inheritdoc />
    public int Lag { get; }

    /// <inheritdoc />
    public int Count
    {
        get
        {
            lock (_sync) return _crf.Count;
        }
    }

    /// <summary>True while the session holds native memory (the conversation LSTM's state).</summary>
    internal bool HoldsNativeState
    {
        get
        {
            lock (_sync) return _state is not null;
        }
    }

    /// <summary>Utterances kept for the utterance features (the speaker window and the newest).</summary>
    internal int ContextLength
    {
        get
        {
            lock (_sync) return _context.Count;
        }
    }

    /// <summary>True once disposed.</summary>
    internal bool IsDisposed
    {
        get
        {
            lock (_sync) return _disposed;
        }
    }

    /// <inheritdoc />
    public SessionTag Add(string? speaker, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_ended) throw new DialogueActsException("session: has ended; start a new session for another conversation");
            int limit = _model.Options.MaxUtterancesPerConversation;
            if (_crf.Count >= limit) throw new DialogueActsException($"session: holds {limit} utterances, the limit per conversation");
            bool changed = _previousSpeaker is not null && !string.Equals(_previousSpeaker, speaker ?? "", StringComparison.Ordinal);
            var emissions = Emissions(speaker ?? "", text);
            var (labels, confidences, filtering) = _crf.Add(emissions, changed);
            _previousSpeaker = speaker ?? "";
            int index = _crf.Count - 1, start = _crf.WindowStart;
            var revised = Revise(start, labels[..^1], confidences);
            _reported.Add(labels[^1]);
            int label = labels[^1];
            return new SessionTag(index, _model.Labels[label], confidences[^1], Top(filtering), revised);
        }
    }

    /// <inheritdoc />
    public byte[] SaveState()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_ended) throw new DialogueActsException("session: has ended; there is no state to save");
            float[]? hidden = null, cell = null;
            if (_state is { } state)
            {
                using var scope = torch.NewDisposeScope();                                              // the conversions' handles, not the state
                hidden = state.Hidden.to_type(ScalarType.Float32).cpu().data<float>().ToArray();        // [1, 1, H] → [H]
                cell = state.Cell.to_type(ScalarType.Float32).cpu().data<float>().ToArray();
            }
            int speakers = Math.Min(_crf.Count, _model.Model.Features.Lookback);
            var snapshot = new SessionState.Snapshot(Lag, _crf.Count, hidden, cell, _crf.Window, _reported.ToArray(),
                _context.Skip(_context.Count - speakers).Select(c => c.Speaker).ToArray(), _previousSpeaker);
            return SessionState.Write(Shape(_model), snapshot);
        }
    }

    /// <summary>What a saved state must match to continue over <paramref name="model"/>.</summary>
    private static SessionState.Shape Shape(DialogueActTagger.SessionModel model) => new(
        model.Identity(), model.Labels.Count, model.Model.Options.UseConversationLstm ? model.Model.Options.ConversationHidden : 0,
        model.Model.Features.Lookback, model.Options.MaxUtterancesPerConversation, model.Temperature != 1);

    /// <inheritdoc />
    public IReadOnlyList<RevisedTag> End()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_ended) return [];
            _ended = true;
            ReleaseState();
            var (start, labels, confidences) = _crf.End();
            return Revise(start, labels, confidences);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed) return;
            _disposed = true;
            ReleaseState();
            _context.Clear();
        }
    }

    /// <summary>The new utterance's emission scores, from the carried state; advances the state.</summary>
    private float[] Emissions(string speaker, string text)
    {
        var utterance = new Conversation(ContextId, [new Utterance(speaker, text, null)]);
        var encoded = CorpusEncoder.Encode(utterance, _model.Encoder, labels: null);
        _model.Gate?.Wait();
        try
        {
            encoded = _model.Model.Features.Prepare([utterance], [encoded], _model.FeatureContext)[0];     // each feature's own data
            _context.Add((speaker, encoded));
            if (_context.Count > _model.Model.Features.Lookback + 1) _context.RemoveAt(0);
            using var inference = torch.inference_mode();
            using var scope = torch.NewDisposeScope();
            using var batch = BatchBuilder.BuildLast(Context(), _model.Model.Features);
            var (emissions, next) = _model.Model.Step(batch, _state);
            ReleaseState();
            if (next is { } state) _state = (state.Hidden.MoveToOuterDisposeScope(), state.Cell.MoveToOuterDisposeScope());
            return emissions;
        }
        finally
        {
            _model.Gate?.Release();
        }
    }

    /// <summary>
    /// The kept utterances as one encoded conversation, speakers numbered by first appearance. An utterance restored from
    /// a saved state is known by its speaker alone: the newest stands in for its tokens and feature data, which no feature
    /// reads (a step keeps the newest utterance's words, and utterance features read earlier utterances' speakers only).
    /// </summary>
    private EncodedConversation Context()
    {
        var speakerIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var speakers = new int[_context.Count];
        for (int i = 0; i < speakers.Length; i++)
            if (!speakerIds.TryGetValue(_context[i].Speaker, out speakers[i])) speakerIds[_context[i].Speaker] = speakers[i] = speakerIds.Count;
        var newest = _context[^1].Utterance!;
        return EncodedConversation.Concat(ContextId, _context.Select(c => c.Utterance ?? newest).ToArray(), speakers);
    }

    /// <summary>Records the window's labels from <paramref name="start"/> on and returns those that changed.</summary>
    private List<RevisedTag> Revise(int start, int[] labels, double[] confidences)
    {
        // Labels before the window are final: forget them.
        int drop = Math.Min(start - _reportedStart, _reported.Count);
        if (drop > 0)
        {
            _reported.RemoveRange(0, drop);
            _reportedStart += drop;
        }
        var revised = new List<RevisedTag>();
        for (int i = 0; i < labels.Length; i++)
        {
            int slot = start + i - _reportedStart;
            if (_reported[slot] == labels[i]) continue;
            _reported[slot] = labels[i];
            revised.Add(new RevisedTag(start + i, _model.Labels[labels[i]], confidences[i]));
        }
        return revised;
    }

    private LabelScore[] Top(double[] probabilities)
    {
        return Array.ConvertAll(TopLabels.Indices<double>(probabilities, _model.Options.TopK), k => new LabelScore(_model.Labels[k], probabilities[k]));
    }

    private void ReleaseState()
    {
        if (_state is not { } state) return;
        state.Hidden.Dispose();
        state.Cell.Dispose();
        _state = null;
    }
}
