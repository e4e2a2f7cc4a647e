using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace DialogueActs.Hosting;

/// <summary>
/// What the OpenAPI document of an app that calls <c>AddOpenApi</c> learns beyond the endpoints' own metadata: the health
/// endpoint, which ASP.NET Core's health checks map without a description, at whatever path <c>MapDialogueActs</c> put it;
/// and numbers that are numbers: the API writes every number as a JSON number, so its schemas do not offer the numeric
/// strings that ASP.NET Core's default JSON options would read.
/// </summary>
internal static class ApiDocument
{
    /// <summary>Marks the health endpoint that <c>MapDialogueActs</c> maps, so that the document finds its route.</summary>
    internal sealed class HealthEndpointMarker
    {
        /// <summary>The one marker.</summary>
        public static readonly HealthEndpointMarker Instance = new();
    }

    /// <summary>Adds the document transformer to every OpenAPI document of the app.</summary>
    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer(AddHealthAsync);
        options.AddSchemaTransformer(NumbersAreNumbers);
    }

    /// <summary>A numeric property of the API's own types is <c>number</c> or <c>integer</c>, not also a string of digits.</summary>
    private static Task NumbersAreNumbers(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var owner = context.JsonPropertyInfo?.DeclaringType;
        bool ours = owner is not null && (owner.DeclaringType == typeof(ApiSchemas) || owner == typeof(Inference.ModelMetadata));
        if (ours && schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type & (JsonSchemaType.Number | JsonSchemaType.Integer)) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        return Task.CompletedTask;
    }

    private static async Task AddHealthAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var endpoints = context.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HealthEndpointMarker>() is not null);
        foreach (var endpoint in endpoints)
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(ApiSchemas.Health), null, cancellationToken);
            var operation = new OpenApiOperation
            {
                OperationId = "Health",
                Summary = "Whether the model is loaded and every registered health check passes.",
                Responses = new OpenApiResponses
                {
                    ["200"] = Json("Every check is healthy: {\"status\":\"ok\"}.", schema),
                    ["503"] = Json("A check is not healthy; checks names each with its one-line description.", schema),
                },
            };
            var path = new OpenApiPathItem();
            path.AddOperation(HttpMethod.Get, operation);
            document.Paths ??= new OpenApiPaths();
            document.Paths["/" + endpoint.RoutePattern.RawText!.TrimStart('/')] = path;
        }
    }

    private static OpenApiResponse Json(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
    };
}
