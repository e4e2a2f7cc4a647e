using System.Net.Http.Headers;

namespace DialogueActs.LoadTest;

/// <summary>HTTP request contents.</summary>
internal static class RequestBodies
{
    /// <summary><paramref name="body"/> with <c>Content-Type: application/json</c> and a Content-Length.</summary>
    public static HttpContent Json(byte[] body) => WithType(new ByteArrayContent(body), "application/json");

    /// <summary><paramref name="body"/> with the given content type (none when null).</summary>
    public static HttpContent WithType(HttpContent content, string? contentType)
    {
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary><paramref name="body"/> sent chunked (no Content-Length), as a client streaming its body would.</summary>
    public static HttpContent Chunked(byte[] body, string contentType) => WithType(new StreamContent(new UnseekableStream(body)), contentType);

    /// <summary>A stream whose length is unknown, so the client sends the body chunked.</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
