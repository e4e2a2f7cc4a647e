using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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
    /// </summary>
    /// <returns>The endpoint group, e.g. to add authorization or rate limiting.</returns>
    public static RouteGroupBuilder MapDialogueActs(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("");
        group.MapPost(DialogueActsEndpoints.TagRoute, DialogueActsEndpoints.TagAsync);
        group.MapPost(DialogueActsEndpoints.TagBatchRoute, DialogueActsEndpoints.TagBatchAsync);
        group.MapGet(DialogueActsEndpoints.ModelRoute, DialogueActsEndpoints.ModelAsync);
        group.MapPost(DialogueActsEndpoints.SessionsRoute, DialogueActsEndpoints.StartSessionAsync);
        group.MapPost(DialogueActsEndpoints.SessionUtterancesRoute, DialogueActsEndpoints.AddUtteranceAsync);
        group.MapPost(DialogueActsEndpoints.SessionEndRoute, DialogueActsEndpoints.EndSessionAsync);
        group.MapDelete(DialogueActsEndpoints.SessionRoute, DialogueActsEndpoints.DeleteSessionAsync);
        group.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        return group;
    }
}
