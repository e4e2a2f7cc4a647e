using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DialogueActs.Inference;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace DialogueActs.Hosting;

/// <summary>
/// Streaming sessions kept in Redis (<see cref="DialogueActsOptions.Redis"/>), so that every replica of a service serves
/// every session and a replica that stops loses none. Each session is one Redis hash, <c>dialogue-acts:session:{id}</c>,
/// holding its version (the utterances added) and its saved state (<see cref="IDialogueActSession.SaveState"/>, a few
/// kilobytes whatever the conversation's length), and expiring after <see cref="DialogueActsOptions.SessionIdleTimeout"/>
/// without an utterance (Redis's own key expiry).
/// </summary>
/// <remarks>
/// <para>
/// An utterance reads the hash, restores the session, tags and saves it, then writes the new state with a compare-and-set
/// (a Lua script: only if the version is still the one read). So no two replicas ever apply an utterance to the same
/// version: the second answers 409 with the current index, as does a request whose expected index is not the session's.
/// </para>
/// <para>
/// The hash also keeps the last answer and a digest of the utterance it answered, so a client that retries an utterance
/// with its index (<c>?index=N</c>) after losing the answer (a replica killed mid-request, a dropped connection) gets that
/// answer again instead of a 409, and the utterance is applied once.
/// </para>
/// <para>
/// Redis unreachable: 503 with <c>Retry-After</c> at once (commands fail fast instead of queueing), one warning per
/// outage, and service resumes when the client reconnects, which it keeps trying by itself.
/// <see cref="DialogueActsOptions.MaxSessions"/> does not apply: Redis's memory bounds the sessions.
/// </para>
/// </remarks>
internal sealed class RedisSessionStore : ISessionStore, IDisposable
{
    /// <summary>The prefix of the sessions' keys.</summary>
    public const string KeyPrefix = "dialogue-acts:session:";

    /// <summary>What a client is told to wait when Redis is unreachable.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private static readonly RedisValue[] Fields = ["v", "s", "q", "a"];                               // version, state, last utterance's digest, last answer

    // KEYS[1]: the session. ARGV: the initial state, the idle timeout in ms. 1: created; 0: the id is taken.
    private const string CreateScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'v', 0, 's', ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    // KEYS[1]: the session. ARGV: the version read, the new version, the new state, the idle timeout in ms, the utterance's digest, the answer.
    // -2: written; -1: no such session; otherwise the current version, which is not the one read.
    private const string ReplaceScript = """
        local v = redis.call('HGET', KEYS[1], 'v')
        if not v then return -1 end
        if tonumber(v) ~= tonumber(ARGV[1]) then return tonumber(v) end
        redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3], 'q', ARGV[5], 'a', ARGV[6])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return -2
        """;

    // KEYS[1]: the session. ARGV: the version read. -2: deleted; -1: no such session; otherwise the current version.
    private const string DeleteScript = """
        local v = redis.call('HGET', KEYS[1], 'v')
        if not v then return -1 end
        if tonumber(v) ~= tonumber(ARGV[1]) then return tonumber(v) end
        redis.call('DEL', KEYS[1])
        return -2
        """;

    private readonly IDialogueActTagger _tagger;
    private readonly DialogueActsOptions _options;
    private readonly ILogger _logger;
    private readonly ConnectionMultiplexer _redis;
    private long _outageStarted;                                                                       // Stopwatch timestamp of the first failure of an outage; 0 while reachable

    /// <summary>Connects to <see cref="DialogueActsOptions.Redis"/> (without waiting for it to be reachable).</summary>
    public RedisSessionStore(IDialogueActTagger tagger, DialogueActsOptions options, ILogger<RedisSessionStore> logger)
    {
        _tagger = tagger;
        _options = options;
        _logger = logger;
        var configuration = Configuration(options.Redis);
        _redis = ConnectionMultiplexer.Connect(configuration);                                         // an outage is logged by the first command that meets it
    }

    /// <summary>
    /// The client's settings: from <paramref name="connection"/> (StackExchange.Redis syntax, <c>host:port,password=...</c>),
    /// with start-up not failing while Redis is down, commands failing at once while it is (no backlog), and reconnection
    /// tried every half second.
    /// </summary>
    /// <exception cref="ArgumentException">Not a StackExchange.Redis configuration.</exception>
    public static ConfigurationOptions Configuration(string connection)
    {
        var configuration = ConfigurationOptions.Parse(connection);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        if (!connection.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase)) configuration.ConnectTimeout = 2000;
        if (!connection.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase)) configuration.SyncTimeout = 2000;
        if (!connection.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase)) configuration.AsyncTimeout = 2000;
        return configuration;
    }

    /// <inheritdoc />
    public async Task<string> StartAsync(int lag, CancellationToken cancellation)
    {
        byte[] state;
        try
        {
            using var session = _tagger.StartSession(lag);
            state = session.SaveState();
        }
        catch (DialogueActsException ex)
        {
            throw new RequestRejectedException(StatusCodes.Status409Conflict, ex.Message);
        }
        while (true)
        {
            string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            long created = (long)await Call(db => db.ScriptEvaluateAsync(CreateScript, [Key(id)], [state, IdleMilliseconds]));
            if (created == 1) return id;
        }
    }

    /// <inheritdoc />
    public async Task<SessionTag> AddAsync(string id, int? expectedIndex, string? speaker, string text, CancellationToken cancellation)
    {
        var (version, saved, lastDigest, lastAnswer) = await Read(id);
        byte[] digest = Digest(speaker, text);
        if (expectedIndex is int expected && expected != version)
        {
            if (expected == version - 1 && lastAnswer is not null && lastDigest.AsSpan().SequenceEqual(digest))
                return JsonSerializer.Deserialize<SessionTag>(lastAnswer)!;                              // a retry of the last utterance: its answer again
            throw SessionRefusals.Conflict(id, version, $"the request expected index {expected}");
        }
        int limit = _options.SessionUtteranceLimit;
        if (version >= limit)
            throw new RequestRejectedException(StatusCodes.Status413PayloadTooLarge, $"session '{DialogueActsException.Excerpt(id)}': holds {limit} utterances, the limit per session");
        SessionTag tag;
        byte[] state;
        using (var session = Restore(id, saved))
        {
            tag = session.Add(speaker, text);
            state = session.SaveState();
        }
        byte[] answer = JsonSerializer.SerializeToUtf8Bytes(tag);
        long written = (long)await Call(db => db.ScriptEvaluateAsync(ReplaceScript, [Key(id)], [version, version + 1, state, IdleMilliseconds, digest, answer]));
        return written switch
        {
            -2 => tag,
            -1 => throw SessionRefusals.NotFound(id),
            _ => throw SessionRefusals.Conflict(id, (int)written, "another request added an utterance first"),
        };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RevisedTag>> EndAsync(string id, CancellationToken cancellation)
    {
        var (version, saved, _, _) = await Read(id);
        IReadOnlyList<RevisedTag> revised;
        using (var session = Restore(id, saved)) revised = session.End();
        long deleted = (long)await Call(db => db.ScriptEvaluateAsync(DeleteScript, [Key(id)], [version]));
        return deleted switch
        {
            -2 => revised,
            -1 => throw SessionRefusals.NotFound(id),
            _ => throw SessionRefusals.Conflict(id, (int)deleted, "another request added an utterance first"),
        };
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string id, CancellationToken cancellation)
    {
        if (!await Call(db => db.KeyDeleteAsync(Key(id)))) throw SessionRefusals.NotFound(id);
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose() => _redis.Dispose();

    private static RedisKey Key(string id) => KeyPrefix + id;

    private long IdleMilliseconds => (long)Math.Ceiling(_options.SessionIdleTimeout.TotalMilliseconds);

    /// <summary>The session's version, saved state, and the digest and answer of its last utterance (null before the first).</summary>
    /// <exception cref="RequestRejectedException">404: no such session (or it expired); 503: Redis is unreachable.</exception>
    private async Task<(int Version, byte[] State, byte[]? LastDigest, byte[]? LastAnswer)> Read(string id)
    {
        var values = await Call(db => db.HashGetAsync(Key(id), Fields));
        if (values[0].IsNull || values[1].IsNull || !values[0].TryParse(out int version)) throw SessionRefusals.NotFound(id);
        return (version, (byte[])values[1]!, (byte[]?)values[2], (byte[]?)values[3]);
    }

    /// <summary>SHA-256 of an utterance: what tells a retry of the last utterance from another one.</summary>
    private static byte[] Digest(string? speaker, string text) => SHA256.HashData(Encoding.UTF8.GetBytes($"{speaker?.Length ?? -1}:{speaker}\n{text}"));

    /// <summary>The session continued from its saved state; one this replica cannot continue (another model's) answers 409.</summary>
    private IDialogueActSession Restore(string id, byte[] state)
    {
        try
        {
            return _tagger.RestoreSession(state);
        }
        catch (DialogueActsException ex)
        {
            throw new RequestRejectedException(StatusCodes.Status409Conflict, $"session '{DialogueActsException.Excerpt(id)}': {ex.Message}");
        }
    }

    /// <summary>
    /// Runs a Redis command; while Redis is unreachable, 503 with <c>Retry-After</c>, logged once per outage. Only a
    /// command that began after the outage's first failure ends it: commands still in flight when Redis went away may
    /// complete after that failure without Redis being back.
    /// </summary>
    private async Task<T> Call<T>(Func<IDatabase, Task<T>> command)
    {
        long begun = Stopwatch.GetTimestamp();
        T result;
        try
        {
            result = await command(_redis.GetDatabase());
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or RedisServerException)
        {
            Down(ex);
            throw new RequestRejectedException(StatusCodes.Status503ServiceUnavailable,
                "the session store (Redis) is unreachable; retry shortly", RetryAfter);
        }
        long started = Volatile.Read(ref _outageStarted);
        if (started != 0 && begun > started && Interlocked.CompareExchange(ref _outageStarted, 0, started) == started)
            Log.SessionStoreRecovered(_logger, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    private void Down(Exception ex)
    {
        if (Interlocked.CompareExchange(ref _outageStarted, Stopwatch.GetTimestamp(), 0) == 0)
            Log.SessionStoreUnreachable(_logger, ex.GetType().Name, DialogueActsException.Brief(ex.Message));
    }
}
