using System.Diagnostics;
using DialogueActs.Inference;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DialogueActs.Hosting;

/// <summary>
/// The request handlers of the HTTP API. Every refusal is a problem-details response
/// (<c>application/problem+json</c>) with a one-line <c>detail</c>; no stack trace leaves the server.
/// </summary>
internal static class DialogueActsEndpoints
{
    private const string LoggerCategory = "DialogueActs.Hosting.Api";

    /// <summary>The route of <see cref="TagAsync"/>.</summary>
    public const string TagRoute = "/v1/tag";

    /// <summary>The route of <see cref="TagBatchAsync"/>.</summary>
    public const string TagBatchRoute = "/v1/tag/batch";

    /// <summary><c>POST /v1/tag</c>: tags one conversation.</summary>
    public static Task TagAsync(HttpContext context) => HandleAsync(context, TagRoute, async (tagger, options) =>
    {
        byte[] body = await RequestBodyReader.ReadAsync(context.Request, options.MaxRequestBodyBytes, context.RequestAborted);
        var conversation = TagRequestParser.ParseConversation(body, options);
        return (TagResponseWriter.Conversation(conversation, tagger.Tag(conversation)), 1, conversation.Utterances.Count);
    });

    /// <summary><c>POST /v1/tag/batch</c>: tags several conversations.</summary>
    public static Task TagBatchAsync(HttpContext context) => HandleAsync(context, TagBatchRoute, async (tagger, options) =>
    {
        byte[] body = await RequestBodyReader.ReadAsync(context.Request, options.MaxRequestBodyBytes, context.RequestAborted);
        var conversations = TagRequestParser.ParseBatch(body, options);
        return (TagResponseWriter.Batch(conversations, tagger.TagMany(conversations)), conversations.Count, conversations.Sum(c => c.Utterances.Count));
    });

    /// <summary><c>GET /v1/model</c>: labels, training metadata and request limits.</summary>
    public static Task ModelAsync(HttpContext context)
    {
        var tagger = context.RequestServices.GetRequiredService<IDialogueActTagger>();
        var options = context.RequestServices.GetRequiredService<IOptions<DialogueActsOptions>>().Value;
        return Results.Json(new
        {
            labels = tagger.Labels,
            topK = options.TopK,
            metadata = tagger.Metadata,
            limits = new
            {
                maxRequestBodyBytes = options.MaxRequestBodyBytes,
                maxConversationsPerBatch = options.MaxConversationsPerBatch,
                maxUtterancesPerConversation = options.MaxUtterancesPerConversation,
                maxCharactersPerUtterance = options.MaxCharactersPerUtterance,
            },
        }).ExecuteAsync(context);
    }

    // Metrics are recorded before the answer is written, so a client holding the answer sees them counted.
    private static async Task HandleAsync(HttpContext context, string route,
        Func<IDialogueActTagger, DialogueActsOptions, Task<(byte[] Json, int Conversations, int Utterances)>> handle)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);
        var metrics = context.RequestServices.GetRequiredService<DialogueActsMetrics>();
        long started = Stopwatch.GetTimestamp();
        metrics.RequestStarted(route);
        try
        {
            var tagger = context.RequestServices.GetRequiredService<IDialogueActTagger>();
            var options = context.RequestServices.GetRequiredService<IOptions<DialogueActsOptions>>().Value;
            var (json, conversations, utterances) = await handle(tagger, options);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Answered(route, utterances, elapsed);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = json.Length;
            await context.Response.Body.WriteAsync(json, context.RequestAborted);
            Log.Tagged(logger, conversations, utterances, elapsed.TotalMilliseconds);
        }
        catch (RequestRejectedException ex)
        {
            await RejectAsync(context, logger, metrics, route, started, ex.StatusCode, ex.Message);
        }
        catch (DialogueActsException ex)
        {
            await RejectAsync(context, logger, metrics, route, started, StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Log.ClientClosed(logger, context.Request.Method, context.Request.Path);
        }
        catch (Exception ex)
        {
            Log.RequestFailed(logger, ex, context.Request.Method, context.Request.Path);
            if (!context.Response.HasStarted)
            {
                metrics.Refused(route, StatusCodes.Status500InternalServerError, Stopwatch.GetElapsedTime(started));
                await Problem(StatusCodes.Status500InternalServerError, "internal error; see the server log").ExecuteAsync(context);
            }
        }
    }

    private static Task RejectAsync(HttpContext context, ILogger logger, DialogueActsMetrics metrics, string route, long started, int statusCode, string detail)
    {
        metrics.Refused(route, statusCode, Stopwatch.GetElapsedTime(started));
        Log.Refused(logger, context.Request.Method, context.Request.Path, statusCode, detail);
        return Problem(statusCode, detail).ExecuteAsync(context);
    }

    private static IResult Problem(int statusCode, string detail) => Results.Problem(detail: detail, statusCode: statusCode);
}
