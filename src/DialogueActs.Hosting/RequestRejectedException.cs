namespace DialogueActs.Hosting;

/// <summary>A request the API refuses: the HTTP status to answer and a one-line detail for the client.</summary>
internal sealed class RequestRejectedException : Exception
{
    public RequestRejectedException(int statusCode, string detail, TimeSpan? retryAfter = null) : base(detail)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>A 4xx status code, or 503.</summary>
    public int StatusCode { get; }

    /// <summary>When the client may try again, sent as a <c>Retry-After</c> header in whole seconds (rounded up); null for none.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Members added to the problem details (a session's current index with a 409); null for none.</summary>
    public IDictionary<string, object?>? Extensions { get; init; }
}
