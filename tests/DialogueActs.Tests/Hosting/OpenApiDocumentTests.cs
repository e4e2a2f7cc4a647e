using System.Net;
using System.Text;
using System.Text.Json;
using DialogueActs.Cli;
using Json.Schema;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueActs.Tests.Hosting;

/// <summary>
/// The OpenAPI document that <c>serve</c> publishes at <c>/openapi/v1.json</c>: it lists every route the app maps (but the
/// page and the document itself), and real answers of every operation, refusals among them, validate against its schemas.
/// </summary>
[Collection(HostingCollection.Name)]
public sealed class OpenApiDocumentTests
{
    private const string DocumentPath = "/openapi/v1.json";
    private static readonly Uri DocumentUri = new("http://localhost" + DocumentPath);
    private readonly TrainedModelFixture _model;

    public OpenApiDocumentTests(TrainedModelFixture model) => _model = model;

    [Fact]
    public async Task TheDocumentListsEveryMappedRouteButThePageAndItself()
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath, serve: true);
        using var document = await Document(server);

        var described = new SortedSet<string>(StringComparer.Ordinal);
        var excluded = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            string path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            // The health checks answer any method; the document describes their GET.
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            bool exclude = endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true;
            foreach (string method in methods) (exclude ? excluded : described).Add($"{method} {path}");
        }

        var listed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
                listed.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");

        Assert.Equal(described, listed);
        Assert.Equal(
            ["GET /", "GET /dialogue-acts.css", "GET /dialogue-acts.js", "GET " + ServeApp.OpenApiRoute],
            excluded);
        Assert.Contains("POST /v1/sessions/{id}/utterances", listed);
        Assert.Contains("GET /healthz", listed);
    }

    [Fact]
    public async Task AnAnswerOfEveryOperationValidatesAgainstItsSchema()
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath, serve: true);
        using var document = await Document(server);
        var validator = new Validator(document.RootElement);

        const string conversation = """{"id": "c1", "utterances": [{"speaker": "A", "text": "do you have kids?"}, {"speaker": "B", "text": "yeah"}, {"text": ""}]}""";
        await validator.Call(server, "POST", "/v1/tag", "/v1/tag", conversation, HttpStatusCode.OK);
        await validator.Call(server, "POST", "/v1/tag", "/v1/tag", """{"utterances": []}""", HttpStatusCode.BadRequest);
        await validator.Call(server, "POST", "/v1/tag/batch", "/v1/tag/batch", $$"""{"conversations": [{{conversation}}, {"id": "c2", "utterances": [{"text": "uh-huh"}]}]}""", HttpStatusCode.OK);
        await validator.Call(server, "GET", "/v1/model", "/v1/model", null, HttpStatusCode.OK);
        await validator.Call(server, "GET", "/healthz", "/healthz", null, HttpStatusCode.OK);

        using var started = await validator.Call(server, "POST", "/v1/sessions", "/v1/sessions", """{"lag": 2}""", HttpStatusCode.Created);
        string id = started!.RootElement.GetProperty("id").GetString()!;
        foreach (var (speaker, text) in new[] { ("A", "do you have kids?"), ("B", "yeah"), ("A", "i work at the bank"), ("B", "uh-huh") })
            (await validator.Call(server, "POST", $"/v1/sessions/{id}/utterances", "/v1/sessions/{id}/utterances",
                JsonSerializer.Serialize(new { speaker, text }), HttpStatusCode.OK))!.Dispose();
        (await validator.Call(server, "POST", $"/v1/sessions/{id}/end", "/v1/sessions/{id}/end", null, HttpStatusCode.OK))!.Dispose();
        await validator.Call(server, "POST", $"/v1/sessions/{id}/end", "/v1/sessions/{id}/end", null, HttpStatusCode.NotFound);

        using var other = await validator.Call(server, "POST", "/v1/sessions", "/v1/sessions", null, HttpStatusCode.Created);
        string otherId = other!.RootElement.GetProperty("id").GetString()!;
        await validator.Call(server, "DELETE", $"/v1/sessions/{otherId}", "/v1/sessions/{id}", null, HttpStatusCode.NoContent);
        await validator.Call(server, "POST", $"/v1/sessions/{otherId}/utterances", "/v1/sessions/{id}/utterances", """{"text": "hello"}""", HttpStatusCode.NotFound);

        Assert.Equal(validator.Operations, validator.Answered);
    }

    private static async Task<JsonDocument> Document(ApiServer server)
    {
        using var response = await server.Client.GetAsync(DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.1", document.RootElement.GetProperty("openapi").GetString());
        return document;
    }

    /// <summary>Sends requests, checks each request body and answer against the operation's schemas, and counts the operations answered.</summary>
    private sealed class Validator
    {
        private readonly JsonElement _document;
        private readonly BuildOptions _build;

        public Validator(JsonElement document)
        {
            _document = document;
            var registry = new SchemaRegistry();
            registry.Register(DocumentUri, new JsonElementBaseDocument(document, DocumentUri));
            _build = new BuildOptions { SchemaRegistry = registry };
            foreach (var path in document.GetProperty("paths").EnumerateObject())
                foreach (var operation in path.Value.EnumerateObject())
                    Operations.Add($"{operation.Name} {path.Name}");
        }

        /// <summary>Every operation of the document, as <c>method path</c>.</summary>
        public SortedSet<string> Operations { get; } = new(StringComparer.Ordinal);

        /// <summary>The operations that answered with a status the document lists.</summary>
        public SortedSet<string> Answered { get; } = new(StringComparer.Ordinal);

        /// <summary>Sends the request and validates; returns the answer's JSON (null for 204).</summary>
        public async Task<JsonDocument?> Call(ApiServer server, string method, string url, string template, string? body, HttpStatusCode expected)
        {
            var operation = _document.GetProperty("paths").GetProperty(template).GetProperty(method.ToLowerInvariant());
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                if (expected is HttpStatusCode.OK or HttpStatusCode.Created)
                    Validate(Pointer("paths", template, method.ToLowerInvariant(), "requestBody", "content", "application/json", "schema"),
                        body, $"request of {method} {template}");
            }
            using var response = await server.Client.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
            string status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(operation.GetProperty("responses").TryGetProperty(status, out var described), $"{method} {template} answered {status}, which the document does not list");
            Answered.Add($"{method.ToLowerInvariant()} {template}");
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                Assert.False(described.TryGetProperty("content", out _));
                return null;
            }
            string mediaType = response.Content.Headers.ContentType!.MediaType!;
            string answer = await response.Content.ReadAsStringAsync();
            Assert.True(described.GetProperty("content").TryGetProperty(mediaType, out _), $"{method} {template} answered {status} as {mediaType}, which the document does not list");
            Validate(Pointer("paths", template, method.ToLowerInvariant(), "responses", status, "content", mediaType, "schema"), answer, $"answer {status} of {method} {template}");
            return JsonDocument.Parse(answer);
        }

        /// <summary>A JSON pointer to a schema in the document (RFC 6901: '~' and '/' escaped, then URI-escaped for a fragment).</summary>
        private static string Pointer(params string[] segments) =>
            string.Concat(segments.Select(s => "/" + Uri.EscapeDataString(s.Replace("~", "~0").Replace("/", "~1"))));

        /// <summary>Validates <paramref name="json"/> against the document's schema at <paramref name="pointer"/>, whose references resolve in the document.</summary>
        private void Validate(string pointer, string json, string what)
        {
            string reference = JsonSerializer.Serialize(DocumentUri + "#" + pointer);
            var schema = JsonSchema.FromText($$"""{"$ref": {{reference}}}""", _build, new Uri($"http://localhost/check/{Guid.NewGuid():N}"));
            using var instance = JsonDocument.Parse(json);
            var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{what} does not match its schema {pointer}: " +
                string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))) +
                $"\n{json}");
        }
    }
}
