using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using DialogueActs.Hosting;
using DialogueActs.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialogueActs.Tests.Hosting;

/// <summary>
/// Sessions in Redis (<c>DialogueActs:Redis</c>) served by two in-process replicas: answers equal to a library session's,
/// expected indices and concurrent writers (409 with the current index, a retried last utterance answered again), idle
/// expiry through Redis, and an outage (503 with Retry-After, logged once, then service resumes without a restart).
/// </summary>
[Collection(HostingCollection.Name)]
public sealed class RedisSessionStoreTests(TrainedModelFixture model)
{
    [Fact]
    public async Task TwoReplicasServeOneSessionAndAnswerAsALibrarySession()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = await ApiServer.StartAsync(model.CausalModelPath, o => o.Redis = redis.Connection);
        await using var second = await ApiServer.StartAsync(model.CausalModelPath, o => o.Redis = redis.Connection);
        using var tagger = DialogueActTagger.Load(model.CausalModelPath);
        foreach (var conversation in TrainedModelFixture.Conversations(3, seed: 41))
        {
            using var library = tagger.StartSession(2);
            string id = await Start(first, lag: 2);
            for (int i = 0; i < conversation.Utterances.Count; i++)
            {
                var u = conversation.Utterances[i];
                var (status, body) = await Add(i % 2 == 0 ? second : first, id, u.Speaker, u.Text, index: i);
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal(Encoding.UTF8.GetString(SessionResponseWriter.Tagged(library.Add(u.Speaker, u.Text))), body);
            }
            using var ended = await first.Client.PostAsync($"/v1/sessions/{id}/end", null);
            Assert.Equal(Encoding.UTF8.GetString(SessionResponseWriter.Ended(library.End())), await ended.Content.ReadAsStringAsync());
            using var gone = await second.Client.DeleteAsync($"/v1/sessions/{id}");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
    }

    [Fact]
    public async Task OnlyOneOfConcurrentWritersAppliesAnUtteranceAndARetryIsAnsweredAgain()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = await ApiServer.StartAsync(model.CausalModelPath, o => o.Redis = redis.Connection);
        await using var second = await ApiServer.StartAsync(model.CausalModelPath, o => o.Redis = redis.Connection);
        string id = await Start(first, lag: 1);

        var (wrong, problem) = await Add(first, id, "A", "do you have kids?", index: 3);
        Assert.Equal(HttpStatusCode.Conflict, wrong);
        Assert.Equal(0, JsonDocument.Parse(problem).RootElement.GetProperty("index").GetInt32());

        var (ok, answer) = await Add(second, id, "A", "do you have kids?", index: 0);
        Assert.Equal(HttpStatusCode.OK, ok);
        var (again, replayed) = await Add(first, id, "A", "do you have kids?", index: 0);            // the answer was lost: retried
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(answer, replayed);
        var (other, _) = await Add(first, id, "B", "something else", index: 0);                       // not a retry: another utterance
        Assert.Equal(HttpStatusCode.Conflict, other);

        // Twelve writers race for index 1, through both replicas: one applies it, the others learn the session is at 2.
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(w => Add(w % 2 == 0 ? first : second, id, "B", $"writer {w}", index: 1)));
        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.Status);
            Assert.Equal(2, JsonDocument.Parse(r.Body).RootElement.GetProperty("index").GetInt32());
        });

        // Without an index, concurrent writers never lose an update: each 200 is one utterance more.
        var free = await Task.WhenAll(Enumerable.Range(0, 12).Select(w => Add(w % 2 == 0 ? first : second, id, "A", $"free {w}", index: null)));
        int applied = free.Count(r => r.Status == HttpStatusCode.OK);
        Assert.All(free, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, r.Body));
        var (next, _) = await Add(second, id, "A", "last", index: 2 + applied);
        Assert.Equal(HttpStatusCode.OK, next);
    }

    [Fact]
    public async Task AnIdleSessionExpiresThroughRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var server = await ApiServer.StartAsync(model.CausalModelPath, o =>
        {
            o.Redis = redis.Connection;
            o.SessionIdleTimeout = TimeSpan.FromSeconds(1);
        });
        string id = await Start(server, lag: 0);
        Assert.Equal(HttpStatusCode.OK, (await Add(server, id, "A", "hello", index: 0)).Status);
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        Assert.Equal(HttpStatusCode.OK, (await Add(server, id, "B", "hi", index: 1)).Status);          // an utterance restarts the clock
        await Task.Delay(TimeSpan.FromMilliseconds(1600));
        Assert.Equal(HttpStatusCode.NotFound, (await Add(server, id, "A", "still there?", index: 2)).Status);
    }

    [Fact]
    public async Task WhileRedisIsDownSessionRequestsAnswer503OnceLoggedThenServiceResumes()
    {
        await using var redis = await RedisServer.StartAsync();
        var log = new CapturingLoggerProvider();
        await using var server = await ApiServer.StartAsync(model.CausalModelPath, o => o.Redis = redis.Connection,
            services => services.AddSingleton<ILoggerProvider>(log));
        string id = await Start(server, lag: 2);
        Assert.Equal(HttpStatusCode.OK, (await Add(server, id, "A", "hello", index: 0)).Status);

        await redis.StopAsync();
        for (int i = 0; i < 5; i++)
        {
            using var response = await server.Client.PostAsync($"/v1/sessions/{id}/utterances?index=1", Json("B", "hi"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            Assert.Contains("unreachable", await response.Content.ReadAsStringAsync());
            using var start = await server.Client.PostAsync("/v1/sessions", null);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, start.StatusCode);
        }
        Assert.Single(log.Messages, m => m.StartsWith("Session store (Redis) unreachable", StringComparison.Ordinal));

        await redis.RestartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        while ((status = (await Add(server, id, "B", "hi", index: 1)).Status) == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.Equal(HttpStatusCode.OK, status);                                                       // the session survived: Redis kept it
        Assert.Single(log.Messages, m => m.StartsWith("Session store (Redis) reachable again", StringComparison.Ordinal));
        Assert.Single(log.Messages, m => m.StartsWith("Session store (Redis) unreachable", StringComparison.Ordinal));
    }

    private static StringContent Json(string? speaker, string text) =>
        new(JsonSerializer.Serialize(new { speaker, text }), Encoding.UTF8, "application/json");

    private static async Task<string> Start(ApiServer server, int lag)
    {
        using var response = await server.Client.PostAsync("/v1/sessions", new StringContent($"{{\"lag\":{lag}}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<(HttpStatusCode Status, string Body)> Add(ApiServer server, string id, string? speaker, string text, int? index)
    {
        string query = index is int i ? $"?index={i}" : "";
        using var response = await server.Client.PostAsync($"/v1/sessions/{id}/utterances{query}", Json(speaker, text));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Keeps every log message of the server, for counting warnings.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) messages.Enqueue(formatter(state, exception));
            }
        }
    }
}
