using System.Collections.Concurrent;
using System.Security.Cryptography;
using DialogueActs.Inference;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DialogueActs.Hosting;

/// <summary>
/// The open streaming sessions of the HTTP API, by id: a singleton holding each <see cref="IDialogueActSession"/> with the
/// time it was last used. Ids are 128 random bits in hex, so a session is reachable only by whoever started it. A session
/// unused for <see cref="DialogueActsOptions.SessionIdleTimeout"/> expires: every access checks, and a periodic sweep
/// closes expired sessions nobody calls, freeing their state. Disposing the store (with the host's container) closes
/// every session. Refusals are <see cref="RequestRejectedException"/>s with the status to answer.
/// </summary>
/// <remarks>
/// Thread-safe. Each session's calls run under its entry's lock, so the utterance limit is checked and the utterance
/// added in one step, and a session closed (ended, deleted, expired) while a request waits for it answers 404.
/// </remarks>
internal sealed class SessionStore : ISessionStore, IDisposable
{
    /// <summary>Bounds of the time between sweeps, which is half the idle timeout within them.</summary>
    private static readonly TimeSpan MinSweepPeriod = TimeSpan.FromSeconds(1), MaxSweepPeriod = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly IDialogueActTagger _tagger;
    private readonly DialogueActsOptions _options;
    private readonly TimeProvider _time;
    private readonly DialogueActsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ITimer _sweeper;
    private int _taken;                                                                                // slots of MaxSessions taken: sessions held or being started
    private volatile bool _disposed;

    /// <summary>Creates the store; <paramref name="time"/> is the clock of the idle timeout and of the sweep's timer (a fake one in tests).</summary>
    public SessionStore(IDialogueActTagger tagger, DialogueActsOptions options, TimeProvider time, DialogueActsMetrics metrics, ILogger<SessionStore> logger)
    {
        _tagger = tagger;
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        SweepPeriod = TimeSpan.FromTicks(Math.Clamp(options.SessionIdleTimeout.Ticks / 2, MinSweepPeriod.Ticks, MaxSweepPeriod.Ticks));
        _sweeper = time.CreateTimer(_ => SweepSafely(), null, SweepPeriod, SweepPeriod);
    }

    /// <summary>The time between two sweeps: a session nobody calls is closed at most this long after it expires.</summary>
    internal TimeSpan SweepPeriod { get; }

    /// <summary>Sessions held.</summary>
    internal int Count => _sessions.Count;

    /// <summary>Whether a tagger can start sessions: whether its model is causal.</summary>
    public static bool SupportsSessions(IDialogueActTagger tagger)
    {
        if (tagger is DialogueActTagger loaded) return loaded.ModelOptions.IsCausal();
        try
        {
            tagger.StartSession().Dispose();
            return true;
        }
        catch (DialogueActsException)
        {
            return false;
        }
    }

    /// <summary>The session held under <paramref name="id"/>, expired or not, without touching it; null when none is.</summary>
    internal IDialogueActSession? Find(string id) => _sessions.TryGetValue(id, out var entry) ? entry.Session : null;

    /// <summary>Starts a session and returns its id.</summary>
    /// <exception cref="RequestRejectedException">429: <see cref="DialogueActsOptions.MaxSessions"/> are open; 409: the model is bidirectional.</exception>
    public string Start(int lag)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _taken) >= _options.MaxSessions) Sweep();
        if (Interlocked.Increment(ref _taken) > _options.MaxSessions)
        {
            Interlocked.Decrement(ref _taken);
            throw new RequestRejectedException(StatusCodes.Status429TooManyRequests,
                $"{_options.MaxSessions} sessions open, the limit; end or delete one, or retry once idle ones expire", _options.SessionIdleTimeout);
        }
        IDialogueActSession session;
        try
        {
            session = _tagger.StartSession(lag);
        }
        catch (DialogueActsException ex)
        {
            Interlocked.Decrement(ref _taken);
            throw new RequestRejectedException(StatusCodes.Status409Conflict, ex.Message);
        }
        catch
        {
            Interlocked.Decrement(ref _taken);
            throw;
        }
        var entry = new Entry(session, _time.GetTimestamp());
        string id;
        do id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        while (!_sessions.TryAdd(id, entry));
        _metrics.SessionOpened();
        if (_disposed && Detach(id, entry))
        {
            entry.Close(end: false);
            throw new ObjectDisposedException(nameof(SessionStore));
        }
        return id;
    }

    /// <summary>Tags the session's next utterance.</summary>
    /// <exception cref="RequestRejectedException">404: no such session, or it expired or closed; 413: it holds its limit of utterances.</exception>
    public SessionTag Add(string id, string? speaker, string text) => Add(id, expectedIndex: null, speaker, text);

    /// <summary>Tags the session's next utterance, when it is at <paramref name="expectedIndex"/> (any index when null).</summary>
    /// <exception cref="RequestRejectedException">404: no such session, or it expired or closed; 409: at another index; 413: it holds its limit of utterances.</exception>
    public SessionTag Add(string id, int? expectedIndex, string? speaker, string text)
    {
        var entry = Get(id);
        SessionTag tag;
        lock (entry.Sync)
        {
            if (entry.Closed) throw NotFound(id);
            if (expectedIndex is int expected && entry.Session.Count != expected)
                throw SessionRefusals.Conflict(id, entry.Session.Count, $"the request expected index {expected}");
            int limit = _options.SessionUtteranceLimit;
            if (entry.Session.Count >= limit)
                throw new RequestRejectedException(StatusCodes.Status413PayloadTooLarge,
                    $"session '{DialogueActsException.Excerpt(id)}': holds {limit} utterances, the limit per session");
            tag = entry.Session.Add(speaker, text);
        }
        entry.Touch(_time.GetTimestamp());                                                             // tagging time is not idle time
        return tag;
    }

    /// <summary>Ends the session's conversation (see <see cref="IDialogueActSession.End"/>) and closes it.</summary>
    /// <returns>The utterances whose labels changed.</returns>
    /// <exception cref="RequestRejectedException">404: no such session, or it expired or closed.</exception>
    public IReadOnlyList<RevisedTag> End(string id)
    {
        var entry = Get(id);
        if (!Detach(id, entry)) throw NotFound(id);
        return entry.Close(end: true) ?? throw NotFound(id);
    }

    /// <summary>Closes the session without ending its conversation.</summary>
    /// <exception cref="RequestRejectedException">404: no such session, or it expired or closed.</exception>
    public void Delete(string id)
    {
        var entry = Get(id);
        if (!Detach(id, entry)) throw NotFound(id);
        entry.Close(end: false);
    }

    Task<string> ISessionStore.StartAsync(int lag, CancellationToken cancellation) => Task.FromResult(Start(lag));

    Task<SessionTag> ISessionStore.AddAsync(string id, int? expectedIndex, string? speaker, string text, CancellationToken cancellation) =>
        Task.FromResult(Add(id, expectedIndex, speaker, text));

    Task<IReadOnlyList<RevisedTag>> ISessionStore.EndAsync(string id, CancellationToken cancellation) => Task.FromResult(End(id));

    Task ISessionStore.DeleteAsync(string id, CancellationToken cancellation)
    {
        Delete(id);
        return Task.CompletedTask;
    }

    /// <summary>Closes the sessions unused for the idle timeout.</summary>
    /// <returns>How many it closed.</returns>
    internal int Sweep()
    {
        long now = _time.GetTimestamp();
        int closed = 0;
        foreach (var (id, entry) in _sessions)
        {
            if (!Expired(entry, now) || !Detach(id, entry)) continue;
            entry.Close(end: false);
            closed++;
        }
        if (closed > 0) Log.SessionsExpired(_logger, closed, _options.SessionIdleTimeout, _sessions.Count);
        return closed;
    }

    /// <summary>Closes every session and stops the sweep.</summary>
    public void Dispose()
    {
        _disposed = true;
        _sweeper.Dispose();
        foreach (var (id, entry) in _sessions)
            if (Detach(id, entry)) entry.Close(end: false);
    }

    /// <summary>The live entry of <paramref name="id"/>, touched; an expired one is closed.</summary>
    private Entry Get(string id)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_sessions.TryGetValue(id, out var entry)) throw NotFound(id);
        long now = _time.GetTimestamp();
        if (Expired(entry, now))
        {
            if (Detach(id, entry)) entry.Close(end: false);
            throw NotFound(id);
        }
        entry.Touch(now);
        return entry;
    }

    private bool Expired(Entry entry, long now) => _time.GetElapsedTime(entry.LastUsed, now) >= _options.SessionIdleTimeout;

    /// <summary>Removes the entry if it is still held under the id; true for the one caller that removed it, who then closes it.</summary>
    private bool Detach(string id, Entry entry)
    {
        if (!_sessions.TryRemove(KeyValuePair.Create(id, entry))) return false;
        Interlocked.Decrement(ref _taken);
        _metrics.SessionClosed();
        return true;
    }

    // A timer callback that throws would end the process.
    private void SweepSafely()
    {
        try
        {
            Sweep();
        }
        catch (Exception ex)
        {
            Log.SweepFailed(_logger, ex);
        }
    }

    private static RequestRejectedException NotFound(string id) => SessionRefusals.NotFound(id);

    /// <summary>A held session and when it was last used (a <see cref="TimeProvider"/> timestamp).</summary>
    private sealed class Entry(IDialogueActSession session, long lastUsed)
    {
        private long _lastUsed = lastUsed;

        public IDialogueActSession Session { get; } = session;

        /// <summary>Held while the session is used or closed.</summary>
        public object Sync { get; } = new();

        /// <summary>True once closed; read and set under <see cref="Sync"/>.</summary>
        public bool Closed { get; private set; }

        public long LastUsed => Volatile.Read(ref _lastUsed);

        public void Touch(long now) => Volatile.Write(ref _lastUsed, now);

        /// <summary>Closes the session, first ending its conversation when <paramref name="end"/>.</summary>
        /// <returns>The revisions of <see cref="IDialogueActSession.End"/> (empty without <paramref name="end"/>); null when already closed.</returns>
        public IReadOnlyList<RevisedTag>? Close(bool end)
        {
            lock (Sync)
            {
                if (Closed) return null;
                Closed = true;
                try
                {
                    return end ? Session.End() : [];
                }
                finally
                {
                    Session.Dispose();
                }
            }
        }
    }
}
