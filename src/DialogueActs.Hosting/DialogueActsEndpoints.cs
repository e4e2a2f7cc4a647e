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

    /// <summary><c>POST /v1/tag</c>: tags one conversation.</summary>
    public static Task TagAsync(HttpContext context) => HandleAsync(context, async (tagger, options) =>
    {
        byte[] body = await RequestBodyReader.ReadAsync(context.Request, options.MaxRequestBodyBytes, context.RequestAborted);
        var conversation = TagRequestParser.ParseConversation(body, options);
        return (TagResponseWriter.Conversation(conversation, tagger.Tag(conversation)), 1, conversation.Utterances.Count);
    });

    /// <summary><c>POST /v1/tag/batch</c>: tags several conversations.</summary>
    public static Task TagBatchAsync(HttpContext context) => HandleAsync(context, async (tagger, options) =>
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

    /// <summary><c>GET /healthz</c>: 200 once the model is loaded.</summary>
    public static Task HealthAsync(HttpContext context)
    {
        context.RequestServices.GetRequiredService<IDialogueActTagger>();
        return Results.Json(new { status = "ok" }).ExecuteAsync(context);
    }

    private static async Task HandleAsync(HttpContext context,
        Func<IDialogueActTagger, DialogueActsOptions, Task<(byte[] Json, int Conversations, int Utterances)>> handle)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);
        var clock = Stopwatch.StartNew();
        try
        {
            var tagger = context.RequestServices.GetRequiredService<IDialogueActTagger>();
            var options = context.RequestServices.GetRequiredService<IOptions<DialogueActsOptions>>().Value;
            var (json, conversations, utterances) = await handle(tagger, options);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = json.Length;
            await context.Response.Body.WriteAsync(json, context.RequestAborted);
            logger.LogDebug("Tagged {Conversations} conversations, {Utterances} utterances in {ElapsedMs:F1} ms",
                conversations, utterances, clock.Elapsed.TotalMilliseconds);
        }
        catch (RequestRejectedException ex)
        {
            await RejectAsync(context, logger, ex.StatusCode, ex.Message);
        }
        catch (DialogueActsException ex)
        {
            await RejectAsync(context, logger, StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            logger.LogDebug("Client closed the connection of {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Failed to answer {Method} {Path}", context.Request.Method, context.Request.Path);
            if (!context.Response.HasStarted)
                await Problem(StatusCodes.Status500InternalServerError, "internal error; see the server log").ExecuteAsync(context);
        }
    }

    private static Task RejectAsync(HttpContext context, ILogger logger, int statusCode, string detail)
    {
        logger.LogInformation("Refused {Method} {Path} with {StatusCode}: {Detail}", context.Request.Method, context.Request.Path, statusCode, detail);
        return Problem(statusCode, detail).ExecuteAsync(context);
    }

    private static IResult Problem(int statusCode, string detail) => Results.Problem(detail: detail, statusCode: statusCode);
}
