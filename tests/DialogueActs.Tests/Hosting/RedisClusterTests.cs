using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DialogueActs.Data;
using DialogueActs.Hosting;
using DialogueActs.Inference;
using Xunit.Abstractions;

namespace DialogueActs.Tests.Hosting;

/// <summary>
/// Three <c>serve</c> processes sharing sessions through one <c>redis-server</c>, the client rotating every utterance to the
/// next replica: 200 concurrent sessions of 100 utterances, one replica killed mid-run and Redis restarted mid-run; every
/// answer (label, confidence, top labels, revisions) and every end equals that of one process tagging alone.
/// </summary>
[Collection(HostingCollection.Name)]
public sealed class RedisClusterTests(TrainedModelFixture model, ITestOutputHelper output)
{
    private const int Sessions = 200, Utterances = 100, Replicas = 3, Lag = 2;
    private static readonly string[] Texts =
        ["i work at the bank", "do you have kids?", "uh-huh", "yeah", "where do you live?", "my sister has two dogs", "right", "", "is it raining?", "zebra quantum"];

    [Fact]
    public async Task SessionsSurviveAKilledReplicaAndARedisRestartWithEveryAnswerAsOneProcessGivesIt()
    {
        var clock = Stopwatch.StartNew();
        await using var redis = await RedisServer.StartAsync();
        var replicas = Enumerable.Range(0, Replicas)
            .Select(_ => ServeProcess.Start("--model", model.CausalModelPath, "--redis", redis.Connection, "--threads", "1", "--max-concurrency", "1"))
            .ToArray();
        try
        {
            var conversations = Conversations();
            var expected = Reference(conversations);                                                   // meanwhile the replicas load the model
            output.WriteLine($"reference: {clock.Elapsed.TotalSeconds:F1} s");
            var addresses = await Task.WhenAll(replicas.Select(r => r.ListeningAsync()));
            output.WriteLine($"reference and start-up: {clock.Elapsed.TotalSeconds:F1} s");
            var front = new Front(addresses);
            var run = Stopwatch.StartNew();
            int done = 0, killed = 0, restarted = 0;
            var faults = Task.Run(async () =>
            {
                while (Volatile.Read(ref done) < Sessions * Utterances / 3) await Task.Delay(20);
                replicas[1].Kill();
                killed = Volatile.Read(ref done);
                while (Volatile.Read(ref done) < Sessions * Utterances * 2 / 3) await Task.Delay(20);
                restarted = Volatile.Read(ref done);
                await redis.StopAsync();
                await Task.Delay(TimeSpan.FromSeconds(2));
                await redis.RestartAsync();
            });
            var answers = await Task.WhenAll(conversations.Select((c, s) => Task.Run(() => Stream(front, c, s, () => Interlocked.Increment(ref done)))));
            await faults;
            output.WriteLine($"streamed {Sessions}×{Utterances} utterances in {run.Elapsed.TotalSeconds:F1} s " +
                             $"({Sessions * Utterances / run.Elapsed.TotalSeconds:F0}/s); replica killed after {killed}, Redis restarted after {restarted}; " +
                             $"{front.Unavailable} answers 503, {front.Refused} requests refused by the killed replica");

            Assert.True(killed > 0 && restarted > killed);
            Assert.True(front.Unavailable > 0, "no request met Redis down");
            Assert.True(front.Refused > 0, "no request met the killed replica");
            for (int s = 0; s < Sessions; s++) Assert.Equal(expected[s], answers[s]);
            // Each outage is logged once, with its recovery: warnings and recoveries alternate, at least one pair (the restart),
            // and far fewer lines than 503s (on a busy machine a client may also lose its connection for a moment).
            foreach (int r in new[] { 0, 2 })
            {
                var outages = replicas[r].Output.Where(l => l.Contains("Session store (Redis)", StringComparison.Ordinal)).ToArray();
                string lines = string.Join("\n", outages);
                Assert.True(outages.Length >= 2 && outages.Length % 2 == 0 && outages.Length <= 6, $"replica {r}:\n{lines}");
                for (int i = 0; i < outages.Length; i++)
                    Assert.True(outages[i].Contains(i % 2 == 0 ? "unreachable" : "reachable again", StringComparison.Ordinal), $"replica {r}:\n{lines}");
            }
            Assert.True(front.Unavailable > 10, $"{front.Unavailable} answers 503: too few to tell one line per outage from one per request");
            output.WriteLine($"total {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            foreach (var replica in replicas) replica.Dispose();
        }
    }

    private static Conversation[] Conversations()
    {
        var random = new Random(17);
        return Enumerable.Range(0, Sessions).Select(s => new Conversation($"s{s}", Enumerable.Range(0, Utterances)
            .Select(_ => new Utterance(((char)('A' + random.Next(3))).ToString(), Texts[random.Next(Texts.Length)], null)).ToArray())).ToArray();
    }

    /// <summary>What one process answers, each answer as the API writes it: the 100 utterances, then the end.</summary>
    private string[][] Reference(Conversation[] conversations)
    {
        using var tagger = DialogueActTagger.Load(model.CausalModelPath);
        return conversations.AsParallel().AsOrdered().Select(c =>
        {
            using var session = tagger.StartSession(Lag);
            var answers = c.Utterances.Select(u => Encoding.UTF8.GetString(SessionResponseWriter.Tagged(session.Add(u.Speaker, u.Text)))).ToList();
            answers.Add(Encoding.UTF8.GetString(SessionResponseWriter.Ended(session.End())));
            return answers.ToArray();
        }).ToArray();
    }

    /// <summary>Streams one conversation, every request to the next replica; returns the answers as the API wrote them.</summary>
    private static async Task<string[]> Stream(Front front, Conversation conversation, int session, Action utteranceDone)
    {
        int turn = session;
        using var started = await front.SendAsync(turn++, "/v1/sessions", $"{{\"lag\":{Lag}}}");
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        string id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var answers = new string[conversation.Utterances.Count + 1];
        for (int i = 0; i < conversation.Utterances.Count; i++)
        {
            var u = conversation.Utterances[i];
            using var response = await front.SendAsync(turn++, $"/v1/sessions/{id}/utterances?index={i}", JsonSerializer.Serialize(new { speaker = u.Speaker, text = u.Text }));
            answers[i] = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"session {session} utterance {i}: {(int)response.StatusCode} {answers[i]}");
            utteranceDone();
        }
        using var ended = await front.SendAsync(turn++, $"/v1/sessions/{id}/end", "");
        answers[^1] = await ended.Content.ReadAsStringAsync();
        Assert.True(ended.StatusCode == HttpStatusCode.OK, $"session {session} end: {(int)ended.StatusCode} {answers[^1]}");
        return answers;
    }

    /// <summary>
    /// The round-robin front: each request goes to the next replica; a replica that refuses the connection is skipped
    /// from then on, and a 503 is retried on the next one after its Retry-After.
    /// </summary>
    private sealed class Front(Uri[] replicas)
    {
        private readonly HttpClient[] _clients = replicas.Select(r => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = r,
            Timeout = TimeSpan.FromSeconds(60),
        }).ToArray();
        private readonly bool[] _down = new bool[replicas.Length];
        private int _unavailable, _refused;

        public int Unavailable => Volatile.Read(ref _unavailable);
        public int Refused => Volatile.Read(ref _refused);

        /// <summary>Sends to replica <paramref name="turn"/> modulo their count, or the next ones up.</summary>
        public async Task<HttpResponseMessage> SendAsync(int turn, string path, string body)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            for (int attempt = 0; ; attempt++)
            {
                int r = (turn + attempt) % _clients.Length;
                if (Volatile.Read(ref _down[r])) continue;
                HttpResponseMessage response;
                try
                {
                    var content = new StringContent(body, Encoding.UTF8);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    response = await _clients[r].PostAsync(path, content);
                }
                catch (HttpRequestException)
                {
                    // A killed replica: the connection is refused or reset. A request it had applied is answered again by the next one.
                    Interlocked.Increment(ref _refused);
                    Volatile.Write(ref _down[r], true);
                    continue;
                }
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline) return response;
                Interlocked.Increment(ref _unavailable);
                Assert.NotNull(response.Headers.RetryAfter?.Delta);
                await Task.Delay(response.Headers.RetryAfter!.Delta!.Value);
                response.Dispose();
            }
        }
    }
}
