using DialogueActs.Hosting;
using DialogueActs.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static DialogueActs.Tests.Hosting.SessionEndpointTests;

namespace DialogueActs.Tests.Hosting;

/// <summary>
/// The idle timeout of streaming sessions, on a <see cref="FakeTimeProvider"/> registered in the server's container:
/// time moves only when a test advances it, and the store's sweep runs inside <see cref="FakeTimeProvider.Advance"/>.
/// </summary>
[Collection(HostingCollection.Name)]
public sealed class SessionExpiryTests
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);
    private readonly TrainedModelFixture _model;

    public SessionExpiryTests(TrainedModelFixture model) => _model = model;

    [Fact]
    public async Task AnIdleSessionExpiresOnAccessOrAtTheNextSweepAndItsStateIsFreed()
    {
        var time = new FakeTimeProvider();
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath, o => o.SessionIdleTimeout = IdleTimeout,
            services => services.AddSingleton<TimeProvider>(time));

        // t = 0: the store starts (its sweep runs every 30 s: at 30, 60, 90, ...) and session A takes an utterance.
        string a = await Start(server, "{\"lag\":1}");
        var store = server.Services.GetRequiredService<SessionStore>();
        Assert.Equal(TimeSpan.FromSeconds(30), store.SweepPeriod);
        (await Add(server, a, "A", "do you have kids?")).Dispose();
        var sessionA = (DialogueActSession)store.Find(a)!;
        Assert.True(sessionA.HoldsNativeState);

        Pass(time, seconds: 10);                                                        // t = 10: session B starts
        string b = await Start(server, "");
        (await Add(server, b, "A", "where do you live?")).Dispose();
        var sessionB = (DialogueActSession)store.Find(b)!;

        Pass(time, seconds: 40);                                                        // t = 50: A is used again
        (await Add(server, a, "B", "yeah")).Dispose();

        // t = 80: the sweep at 60 kept both (A idle 10 s, B 50 s); B, idle 70 s, has expired but only an access can tell.
        Pass(time, seconds: 30);
        Assert.Same(sessionB, store.Find(b));
        using (var response = await Post(server, $"/v1/sessions/{b}/utterances", "{\"text\":\"hi\"}"))
            await AssertProblem(response, 404, $"session '{b}': not found or expired");
        Assert.Null(store.Find(b));
        Assert.True(sessionB.IsDisposed);
        Assert.False(sessionB.HoldsNativeState);
        (await Add(server, a, "A", "right")).Dispose();                                                // A, idle 30 s, lives on

        // t = 150: nobody calls; the sweep at 150 finds A idle for 70 s, closes it and frees its state.
        Pass(time, seconds: 70);
        Assert.Null(store.Find(a));
        Assert.Equal(0, store.Count);
        Assert.True(sessionA.IsDisposed);
        Assert.False(sessionA.HoldsNativeState);
        using (var response = await Post(server, $"/v1/sessions/{a}/end", ""))
            await AssertProblem(response, 404, $"session '{a}': not found or expired");
    }

    [Fact]
    public async Task ExpiredSessionsFreeTheirSlotsForNewOnes()
    {
        var time = new FakeTimeProvider();
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath, o =>
        {
            o.SessionIdleTimeout = IdleTimeout;
            o.MaxSessions = 1;
        }, services => services.AddSingleton<TimeProvider>(time));
        var store = server.Services.GetRequiredService<SessionStore>();
        string first = await Start(server, "");                                                        // t = 0; sweeps at 30, 60, 90, ...
        using (var refused = await Post(server, "/v1/sessions", ""))
            Assert.Equal(429, (int)refused.StatusCode);
        Pass(time, seconds: 5);
        (await Add(server, first, "A", "do you have kids?")).Dispose();                                // last used at 5

        // t = 67: idle 62 s, so expired, but the sweep at 60 found it idle 55 s: starting a session sweeps first.
        Pass(time, seconds: 62);
        Assert.NotNull(store.Find(first));
        string second = await Start(server, "");
        Assert.Null(store.Find(first));
        Assert.NotNull(store.Find(second));
    }

    /// <summary>
    /// Moves the fake clock on a second at a time, so that each sweep runs at the second it is due, however the fake treats
    /// timers falling due within one <see cref="FakeTimeProvider.Advance"/> (version 10.0 runs them at the end time).
    /// </summary>
    private static void Pass(FakeTimeProvider time, int seconds)
    {
        for (int i = 0; i < seconds; i++) time.Advance(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task StoppingTheHostClosesEverySession()
    {
        var server = await ApiServer.StartAsync(_model.CausalModelPath);
        var store = server.Services.GetRequiredService<SessionStore>();
        string first = await Start(server, ""), second = await Start(server, "{\"lag\":3}");
        (await Add(server, first, "A", "do you have kids?")).Dispose();
        var sessions = new[] { (DialogueActSession)store.Find(first)!, (DialogueActSession)store.Find(second)! };
        Assert.True(sessions[0].HoldsNativeState);

        await server.DisposeAsync();
        Assert.All(sessions, s => Assert.True(s.IsDisposed));
        Assert.False(sessions[0].HoldsNativeState);
        Assert.Equal(0, store.Count);
    }
}
