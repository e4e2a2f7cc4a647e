using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DialogueActs.Hosting;

/// <summary>
/// Reads a request body into memory, refusing a declared content type other than JSON with 415 and bodies
/// over a byte limit with 413. A request without a <c>Content-Type</c> is read as JSON.
/// </summary>
internal static class RequestBodyReader
{
    /// <exception cref="RequestRejectedException">
    /// The content type is not JSON (415), the body is over <paramref name="limit"/> bytes (413) or cannot be read (400).
    /// </exception>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentType is string contentType && !request.HasJsonContentType())
            throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType,
                $"request body must be JSON (Content-Type: application/json), got Content-Type '{(contentType.Length <= 100 ? contentType : contentType[..100] + "...")}'");
        if (request.ContentLength > limit) throw TooLarge(limit);
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        // With a Content-Length (checked above) the server's own limit is exact. A chunked body is counted
        // by the loop below instead: Kestrel counts the chunk framing towards MaxRequestBodySize, so a
        // body under the limit sent in small chunks would be refused as too large.
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = request.ContentLength is null ? null : limit;

        using var body = new MemoryStream((int)Math.Min(request.ContentLength ?? 4096, 1 << 20));
        byte[] chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                int read = await request.Body.ReadAsync(chunk, cancellationToken);
                if (read == 0) break;
                if (body.Length + read > limit) throw TooLarge(limit);
                body.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex)
        {
            throw ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(limit)
                : new RequestRejectedException(StatusCodes.Status400BadRequest, $"could not read the request body: {ex.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return body.ToArray();
    }

    private static RequestRejectedException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"request body is over the limit of {limit} bytes");
}
