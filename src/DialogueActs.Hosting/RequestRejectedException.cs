namespace DialogueActs.Hosting;

/// <summary>A request the API refuses: the HTTP status to answer and a one-line detail for the client.</summary>
internal sealed class RequestRejectedException : Exception
{
    public RequestRejectedException(int statusCode, string detail) : base(detail) => StatusCode = statusCode;

    /// <summary>A 4xx status code.</summary>
    public int StatusCode { get; }
}
