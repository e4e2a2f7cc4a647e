using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace DialogueActs.Hosting;

/// <summary>Maps the dialogue-act HTTP API into an ASP.NET Core app.</summary>
public static class DialogueActsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /v1/tag</c>, <c>POST /v1/tag/batch</c>, <c>GET /v1/model</c>, the streaming sessions of a causal model
    /// (<c>POST /v1/sessions</c>, <c>POST /v1/sessions/{id}/utterances</c>, <c>POST /v1/sessions/{id}/end</c>,
    /// <c>DELETE /v1/sessions/{id}</c>) and <c>/healthz</c>, the
    /// ASP.NET Core health checks endpoint running every registered check (<see cref="DialogueActTaggerHealthCheck"/>
    /// among them): 200 <c>{"status":"ok"}</c> when all are healthy, 503 naming each unhealthy one.
    /// Needs <see cref="DialogueActsServiceCollectionExtensions.AddDialogueActTagger(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{DialogueActsOptions}?)"/>.
    /// Every route describes its request, its answer and its refusals to ASP.NET Core's OpenAPI document, which an app
    /// publishes with <c>AddOpenApi()</c> and <c>MapOpenApi()</c>.
    /// </summary>
    /// <returns>The endpoint group, e.g. to add authorization or rate limiting.</returns>
    public static RouteGroupBuilder MapDialogueActs(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("");
        // Each handler is mapped as a Delegate (not a RequestDelegate) so that ASP.NET Core's API explorer, and with it the
        // OpenAPI document of an app that calls AddOpenApi, describes it; the schemas are ApiSchemas' types.
        group.MapPost(DialogueActsEndpoints.TagRoute, (Func<HttpContext, Task>)DialogueActsEndpoints.TagAsync)
            .Describe("Tag", "Tags one conversation.")
            .Takes<ApiSchemas.ConversationRequest>()
            .Produces<ApiSchemas.TaggedConversation>()
            .Refuses(400, 413, 415);
        group.MapPost(DialogueActsEndpoints.TagBatchRoute, (Func<HttpContext, Task>)DialogueActsEndpoints.TagBatchAsync)
            .Describe("TagBatch", "Tags several conversations.")
            .Takes<ApiSchemas.BatchRequest>()
            .Produces<ApiSchemas.TaggedBatch>()
            .Refuses(400, 413, 415);
        group.MapGet(DialogueActsEndpoints.ModelRoute, (Func<HttpContext, Task>)DialogueActsEndpoints.ModelAsync)
            .Describe("Model", "The model's labels, how it was trained, whether it streams, and the request limits.")
            .Produces<ApiSchemas.ModelDescription>()
            .Refuses();
        group.MapPost(DialogueActsEndpoints.SessionsRoute, (Func<HttpContext, Task>)DialogueActsEndpoints.StartSessionAsync)
            .Describe("StartSession", "Starts a streaming session (a causal model only); its URL is in Location.")
            .Takes<ApiSchemas.SessionStartRequest>(required: false)
            .Produces<ApiSchemas.SessionStarted>(StatusCodes.Status201Created)
            .Refuses(400, 409, 413, 415, 429);
        group.MapPost(DialogueActsEndpoints.SessionUtterancesRoute, (Func<HttpContext, Task>)DialogueActsEndpoints.AddUtteranceAsync)
            .Describe("AddUtterance", "Tags the session's next utterance; earlier ones within the lag may be revised.")
            .Takes<ApiSchemas.UtteranceRequest>()
            .Produces<ApiSchemas.SessionTagged>()
            .Refuses(400, 404, 413, 415);
        group.MapPost(DialogueActsEndpoints.SessionEndRoute, (Func<HttpContext, Task>)DialogueActsEndpoints.EndSessionAsync)
            .Describe("EndSession", "Ends the session's conversation, answers the last revisions and closes the session.")
            .Produces<ApiSchemas.SessionEnded>()
            .Refuses(404);
        group.MapDelete(DialogueActsEndpoints.SessionRoute, (Func<HttpContext, Task>)DialogueActsEndpoints.DeleteSessionAsync)
            .Describe("DeleteSession", "Closes the session without ending its conversation.")
            .Produces(StatusCodes.Status204NoContent)
            .Refuses(404);
        group.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync })
            .WithMetadata(ApiDocument.HealthEndpointMarker.Instance);
        return group;
    }

    /// <summary>
    /// Maps a web page at <c>/</c> (with its script and style sheet beside it) that tags a pasted transcript (<c>A: text</c>
    /// lines, CSV or JSONL), tags a live conversation through the streaming sessions when the model is causal, and shows the
    /// model's card. It uses only the HTTP API that <see cref="MapDialogueActs"/> maps, which must be mapped beside it;
    /// everything it needs is embedded in this assembly. The page is left out of the OpenAPI document.
    /// </summary>
    /// <returns>The endpoint group, e.g. to add authorization.</returns>
    public static RouteGroupBuilder MapDialogueActsPage(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return DialogueActsPage.Map(endpoints);
    }

    /// <summary>
    /// The operation's JSON request body, in the OpenAPI document only: <c>Accepts</c> would also make routing refuse other
    /// content types with a bare 415, where the handlers answer a problem that says what they take.
    /// </summary>
    private static RouteHandlerBuilder Takes<T>(this RouteHandlerBuilder endpoint, bool required = true) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) => operation.RequestBody = new OpenApiRequestBody
        {
            Required = required,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken) },
            },
        });

    /// <summary>The operation's id in the OpenAPI document (not an endpoint name, which must be unique in an app that may map the API twice) and its summary.</summary>
    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string operationId, string summary) =>
        endpoint.WithSummary(summary).WithTags("DialogueActs").AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.OperationId = operationId;
            return Task.CompletedTask;
        });

    /// <summary>The problem-details answers of a route: its refusals, and 500 for a failure of the server.</summary>
    private static RouteHandlerBuilder Refuses(this RouteHandlerBuilder endpoint, params int[] statusCodes)
    {
        foreach (int statusCode in statusCodes.Append(StatusCodes.Status500InternalServerError)) endpoint.ProducesProblem(statusCode);
        return endpoint;
    }
}
