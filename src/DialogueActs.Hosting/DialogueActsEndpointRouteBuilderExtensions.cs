using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DialogueActs.Hosting;

/// <summary>Maps the dialogue-act HTTP API into an ASP.NET Core app.</summary>
public static class DialogueActsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /v1/tag</c>, <c>POST /v1/tag/batch</c>, <c>GET /v1/model</c> and <c>GET /healthz</c>.
    /// Needs <see cref="DialogueActsServiceCollectionExtensions.AddDialogueActTagger(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{DialogueActsOptions}?)"/>.
    /// </summary>
    /// <returns>The endpoint group, e.g. to add authorization or rate limiting.</returns>
    public static RouteGroupBuilder MapDialogueActs(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("");
        group.MapPost("/v1/tag", DialogueActsEndpoints.TagAsync);
        group.MapPost("/v1/tag/batch", DialogueActsEndpoints.TagBatchAsync);
        group.MapGet("/v1/model", DialogueActsEndpoints.ModelAsync);
        group.MapGet("/healthz", DialogueActsEndpoints.HealthAsync);
        return group;
    }
}
