using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DialogueActs.Hosting;

/// <summary>
/// The web page of <see cref="DialogueActsEndpointRouteBuilderExtensions.MapDialogueActsPage"/>: an HTML file, its script and
/// its style sheet, embedded in this assembly (no CDN, nothing fetched but the API). The page calls only the public HTTP API,
/// with URLs relative to itself, so it works wherever the API is mapped beside it.
/// </summary>
internal static class DialogueActsPage
{
    /// <summary>The page's route.</summary>
    public const string PageRoute = "/";

    /// <summary>The script's route, relative to the page's folder.</summary>
    public const string ScriptRoute = "/dialogue-acts.js";

    /// <summary>The style sheet's route.</summary>
    public const string StyleRoute = "/dialogue-acts.css";

    // Scripts and styles only from the page's own origin (no inline script), the API on the same origin, no framing.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<byte[]> Html = new(() => Resource("index.html"));
    private static readonly Lazy<byte[]> Script = new(() => Resource("page.js"));
    private static readonly Lazy<byte[]> Style = new(() => Resource("page.css"));

    /// <summary>Maps the page and its two files.</summary>
    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("");
        group.MapGet(PageRoute, (HttpContext context) => Serve(context, Html.Value, "text/html; charset=utf-8"));
        group.MapGet(ScriptRoute, (HttpContext context) => Serve(context, Script.Value, "text/javascript; charset=utf-8"));
        group.MapGet(StyleRoute, (HttpContext context) => Serve(context, Style.Value, "text/css; charset=utf-8"));
        group.ExcludeFromDescription();
        return group;
    }

    private static Task Serve(HttpContext context, byte[] content, string contentType)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        context.Response.ContentType = contentType;
        context.Response.ContentLength = content.Length;
        return context.Response.Body.WriteAsync(content, context.RequestAborted).AsTask();
    }

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"DialogueActs.Hosting.Page.{name}")
            ?? throw new InvalidOperationException($"the page's resource '{name}' is missing from the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
