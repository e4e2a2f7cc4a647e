namespace DialogueActs.LoadTest;

/// <summary>
/// One kind of soak request: how to build it, whether it is valid, and the status the server should answer.
/// </summary>
/// <param name="Kind">A short name for the report, e.g. <c>tag-100</c> or <c>malformed-json</c>.</param>
/// <param name="Valid">Whether a correct server answers it with 200.</param>
/// <param name="ExpectedStatus">The status a correct server answers; null for a request the client abandons.</param>
/// <param name="Create">Builds a fresh request message (contents cannot be sent twice).</param>
/// <param name="AbortAfter">When set, the client gives up after this long (a client that disconnects mid-request).</param>
internal sealed record SoakRequest(string Kind, bool Valid, int? ExpectedStatus, Func<HttpRequestMessage> Create, TimeSpan? AbortAfter = null);

/// <summary>What one soak request got.</summary>
/// <param name="Kind">The request's <see cref="SoakRequest.Kind"/>.</param>
/// <param name="Valid">Whether the request was valid.</param>
/// <param name="ExpectedStatus">The status a correct server answers.</param>
/// <param name="Status">The status answered, or null when the request failed without a response.</param>
/// <param name="Failure">The exception's type when there was no response (or <c>aborted</c> for a planned abort).</param>
/// <param name="StartMs">When the request started, in ms since the soak began.</param>
/// <param name="EndMs">When the whole response was read (or the request failed), in ms since the soak began.</param>
internal sealed record SoakResult(string Kind, bool Valid, int? ExpectedStatus, int? Status, string? Failure, double StartMs, double EndMs)
{
    /// <summary>The request's latency in ms.</summary>
    public double LatencyMs => EndMs - StartMs;

    /// <summary>"200", "413", ... or "no response (TYPE)".</summary>
    public string Outcome => Status is int s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"no response ({Failure})";
}
