using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace DialogueActs.Fuzz;

/// <summary>
/// The HTTP request parsing of <c>POST /v1/tag</c> and <c>POST /v1/tag/batch</c> on the real API:
/// mutated bodies sent with assorted content types (right, wrong, missing), with a Content-Length or
/// chunked, and now and then over the 4 MiB body limit. 2xx is accepted; 4xx must be a problem-details
/// document with a one-line detail; 5xx, a dropped connection or a logged server error is a defect.
/// </summary>
public sealed class HttpTarget : IFuzzTarget
{
    private const int BodyLimit = 4 * 1024 * 1024;
    private static readonly string?[] ContentTypes =
    [
        "application/json", "application/json", "application/json; charset=utf-8", "text/plain", null, "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/xml", "*/*",
    ];

    private readonly ApiHost _host;
    private readonly byte[][] _tagSeeds = [SeedCorpus.TagBody(1), SeedCorpus.TagBody(2), SeedCorpus.TagBody(3)];
    private readonly byte[][] _batchSeeds = [SeedCorpus.BatchBody(4), SeedCorpus.BatchBody(5)];

    /// <summary>Starts the API serving the model at <paramref name="modelPath"/>.</summary>
    public HttpTarget(string modelPath) => _host = new ApiHost(modelPath);

    /// <inheritdoc />
    public string Name => "http";

    /// <inheritdoc />
    public string Extension => ".json";

    /// <inheritdoc />
    public FuzzInput NextInput(Random random)
    {
        bool batch = random.Next(2) == 0;
        string? contentType = ContentTypes[random.Next(ContentTypes.Length)];
        string transfer = random.Next(4) == 0 ? $"chunked:{1 << random.Next(17)}" : "length";
        string variant = $"{(batch ? "/v1/tag/batch" : "/v1/tag")}|{contentType ?? "none"}|{transfer}";
        FuzzInput input = InputMutator.Mutate(batch ? _batchSeeds : _tagSeeds, random, allowHuge: true, JsonMutator.ApplyRandom, variant);
        if (random.Next(50) == 0 && input.Bytes.Length <= BodyLimit)
        {
            // Valid JSON padded past the limit with whitespace: only the size is wrong.
            byte[] padded = new byte[BodyLimit + 1 + random.Next(1024)];
            Array.Fill(padded, (byte)' ');
            input.Bytes.CopyTo(padded, 0);
            input = input with { Bytes = padded, Description = input.Description + "+oversized" };
        }
        return input;
    }

    /// <inheritdoc />
    public CaseResult Run(FuzzInput input)
    {
        string[] parts = input.Variant.Split('|');
        HttpContent content = parts[2].StartsWith("chunked:", StringComparison.Ordinal)
            ? new ChunkedContent(input.Bytes, int.Parse(parts[2]["chunked:".Length..], System.Globalization.CultureInfo.InvariantCulture))
            : new ByteArrayContent(input.Bytes);
        if (parts[1] != "none")
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(parts[1]);
        }
        _host.TakeLoggedError();
        HttpResponseMessage response;
        try
        {
            response = _host.Client.PostAsync(parts[0], content).GetAwaiter().GetResult();
        }
        catch (HttpRequestException ex) when (input.Bytes.Length > BodyLimit)
        {
            // Over the limit, the server answers 413 and closes the connection while the client is still sending.
            return new CaseResult(CaseOutcome.Rejected, $"413 (connection closed while sending: {ex.Message})");
        }
        catch (HttpRequestException ex)
        {
            return new CaseResult(CaseOutcome.Unhandled, $"request failed: {ex.Message} {ex.InnerException?.Message}");
        }
        using (response)
        {
            string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            int status = (int)response.StatusCode;
            if (_host.TakeLoggedError() is { } logged)
            {
                return new CaseResult(CaseOutcome.Unhandled, $"HTTP {status}, server logged: {ErrorContract.Summary(logged)}");
            }
            if (status is >= 200 and < 300)
            {
                return CaseResult.Accepted;
            }
            if (status is >= 400 and < 500)
            {
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    return new CaseResult(CaseOutcome.Unhandled, $"HTTP {status} without a problem-details body: {ErrorContract.Summary(body)}");
                }
                string detail = Detail(body) ?? "";
                var checkedDetail = ErrorContract.CheckMessage(detail, sourceName: null);
                return checkedDetail.IsFailure ? checkedDetail : new CaseResult(CaseOutcome.Rejected, $"{status} {detail}");
            }
            return new CaseResult(CaseOutcome.Unhandled, $"HTTP {status}: {ErrorContract.Summary(body)}");
        }
    }

    private static string? Detail(string problemJson)
    {
        try
        {
            using var document = JsonDocument.Parse(problemJson);
            return document.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _host.Dispose();
}
