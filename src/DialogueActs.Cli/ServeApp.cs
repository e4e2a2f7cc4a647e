using DialogueActs.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueActs.Cli;

/// <summary>
/// What <c>dialogue-acts serve</c> adds to the tagger's services and maps: the HTTP API, its OpenAPI document at
/// <c>/openapi/v1.json</c> and the web page at <c>/</c>. The tests start the same app.
/// </summary>
internal static class ServeApp
{
    /// <summary>The route of the OpenAPI document.</summary>
    public const string OpenApiRoute = "/openapi/{documentName}.json";

    /// <summary>Adds the OpenAPI document's services (after <c>AddDialogueActTagger</c>).</summary>
    public static void AddServices(IServiceCollection services) => services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Info.Title = "DialogueActs";
        document.Info.Description = "Tags each utterance of a conversation with its dialogue act; live conversations stream through sessions when the model is causal.";
        document.Info.Version = typeof(ServeApp).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
        return Task.CompletedTask;
    }));

    /// <summary>Maps the API, the page and the OpenAPI document.</summary>
    public static void Map(WebApplication app)
    {
        app.MapDialogueActs();
        app.MapDialogueActsPage();
        app.MapOpenApi(OpenApiRoute);
    }
}
