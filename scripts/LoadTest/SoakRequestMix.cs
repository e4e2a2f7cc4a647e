using System.Text;
using System.Text.Json;

namespace DialogueActs.LoadTest;

/// <summary>
/// The soak's traffic: valid requests (100-utterance windows of the corpus, the corpus's longest conversation
/// whole, batches, <c>GET /v1/model</c>, <c>GET /healthz</c>) mixed with invalid ones (malformed JSON, missing
/// fields, every limit exceeded by one, oversized bodies with and without a Content-Length, a wrong content type,
/// unknown routes, a wrong method, invalid UTF-8, an escaped lone surrogate, deep nesting) and clients that disconnect mid-request.
/// </summary>
internal sealed class SoakRequestMix
{
    private readonly (SoakRequest Request, int Weight)[] _requests;
    private readonly int _totalWeight;

    /// <param name="windows">100-utterance <c>POST /v1/tag</c> bodies.</param>
    /// <param name="shortBodies">Short <c>POST /v1/tag</c> bodies, grouped into batches.</param>
    /// <param name="longest">The corpus's longest conversation as a <c>POST /v1/tag</c> body.</param>
    /// <param name="limits">The <c>limits</c> object of <c>GET /v1/model</c>.</param>
    public SoakRequestMix(IReadOnlyList<byte[]> windows, IReadOnlyList<byte[]> shortBodies, byte[] longest, JsonElement limits)
    {
        long maxBody = limits.GetProperty("maxRequestBodyBytes").GetInt64();
        int maxBatch = limits.GetProperty("maxConversationsPerBatch").GetInt32();
        int maxUtterances = limits.GetProperty("maxUtterancesPerConversation").GetInt32();
        int maxCharacters = limits.GetProperty("maxCharactersPerUtterance").GetInt32();
        int window = 0, batch = 0;
        byte[] NextWindow() => windows[Interlocked.Increment(ref window) % windows.Count];
        byte[] NextBatch()
        {
            int start = Interlocked.Increment(ref batch) * 5;
            return Batch(Enumerable.Range(start, 5).Select(i => shortBodies[i % shortBodies.Count]));
        }
        byte[] oversized = Encoding.UTF8.GetBytes("{\"utterances\":[{\"text\":\"hi\"}]" + new string(' ', (int)maxBody) + "}");
        byte[] tooManyUtterances = Utf8($"{{\"utterances\":[{string.Join(",", Enumerable.Repeat("{\"text\":\"\"}", maxUtterances + 1))}]}}");
        byte[] tooLong = Utf8($"{{\"utterances\":[{{\"text\":\"{new string('a', maxCharacters + 1)}\"}}]}}");
        byte[] tooManyConversations = Batch(Enumerable.Repeat(Utf8("{\"utterances\":[{\"text\":\"hi\"}]}"), maxBatch + 1));
        byte[] invalidUtf8 = [.. Utf8("{\"utterances\":[{\"speaker\":\"A\",\"text\":\"caf"), 0xC3, 0x28, .. Utf8(" ok\"}]}")];

        _requests =
        [
            (Post("tag-100", true, 200, "/v1/tag", NextWindow), 40),
            (Post("tag-longest", true, 200, "/v1/tag", () => longest), 4),
            (Post("batch-5x20", true, 200, "/v1/tag/batch", NextBatch), 8),
            (Get("model", true, 200, "/v1/model"), 2),
            (Get("healthz", true, 200, "/healthz"), 2),
            (Post("malformed-json", false, 400, "/v1/tag", () => NextWindow()[..(windows[0].Length / 2)]), 2),
            (Post("empty-body", false, 400, "/v1/tag", () => []), 2),
            (Post("not-an-object", false, 400, "/v1/tag", () => Utf8("[1,2,3]")), 2),
            (Post("missing-utterances", false, 400, "/v1/tag", () => Utf8("{\"id\":\"x\",\"turns\":[]}")), 2),
            (Post("missing-text", false, 400, "/v1/tag", () => Utf8("{\"utterances\":[{\"speaker\":\"A\",\"text\":\"hi\"},{\"speaker\":\"B\"}]}")), 2),
            (Post("text-not-string", false, 400, "/v1/tag", () => Utf8("{\"utterances\":[{\"text\":{\"a\":1}}]}")), 2),
            (Post("duplicate-property", false, 400, "/v1/tag", () => Utf8("{\"utterances\":[{\"text\":\"a\"}],\"utterances\":[{\"text\":\"b\"}]}")), 2),
            (Post("invalid-utf8", false, 400, "/v1/tag", () => invalidUtf8), 2),
            (Post("lone-surrogate", false, 400, "/v1/tag", () => Utf8("{\"utterances\":[{\"text\":\"a\\ud800b\"}]}")), 2),
            (Post("deep-nesting", false, 400, "/v1/tag", () => Utf8(new string('[', 5000) + new string(']', 5000))), 2),
            (Post("too-many-utterances", false, 413, "/v1/tag", () => tooManyUtterances), 2),
            (Post("too-long-utterance", false, 413, "/v1/tag", () => tooLong), 2),
            (Post("too-many-conversations", false, 413, "/v1/tag/batch", () => tooManyConversations), 2),
            (Post("oversized-body", false, 413, "/v1/tag", () => oversized), 2),
            (new SoakRequest("oversized-chunked", false, 413, () => new HttpRequestMessage(HttpMethod.Post, "/v1/tag")
                { Content = RequestBodies.Chunked(oversized, "application/json") }), 2),
            (new SoakRequest("wrong-content-type", false, 415, () => new HttpRequestMessage(HttpMethod.Post, "/v1/tag")
                { Content = RequestBodies.WithType(new ByteArrayContent(NextWindow()), "text/plain") }), 2),
            (Post("unknown-route", false, 404, "/v1/tags", NextWindow), 2),
            (Get("wrong-method", false, 405, "/v1/tag"), 2),
            (Post("client-abort", true, null, "/v1/tag", () => longest) with { AbortAfter = TimeSpan.FromMilliseconds(150) }, 2),
        ];
        _totalWeight = _requests.Sum(r => r.Weight);
    }

    /// <summary>The request sent at the end, while SIGTERM arrives: the longest conversation.</summary>
    public SoakRequest Longest => _requests[1].Request;

    /// <summary>Every kind, in report order.</summary>
    public IEnumerable<SoakRequest> Kinds => _requests.Select(r => r.Request);

    /// <summary>Picks a request kind by weight.</summary>
    public SoakRequest Next(Random random)
    {
        int pick = random.Next(_totalWeight);
        foreach (var (request, weight) in _requests)
        {
            if (pick < weight) return request;
            pick -= weight;
        }
        throw new InvalidOperationException("unreachable");
    }

    private static SoakRequest Post(string kind, bool valid, int? status, string path, Func<byte[]> body) =>
        new(kind, valid, status, () => new HttpRequestMessage(HttpMethod.Post, path) { Content = RequestBodies.Json(body()) });

    private static SoakRequest Get(string kind, bool valid, int status, string path) =>
        new(kind, valid, status, () => new HttpRequestMessage(HttpMethod.Get, path));

    private static byte[] Batch(IEnumerable<byte[]> conversations) =>
        Utf8("{\"conversations\":[" + string.Join(",", conversations.Select(Encoding.UTF8.GetString)) + "]}");

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
