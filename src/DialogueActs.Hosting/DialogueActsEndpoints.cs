using System.Diagnostics;
using System.Globalization;
using DialogueActs.Inference;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DialogueActs.Hosting;

/// <summary>
/// The request handlers of the HTTP API: tagging whole conversations, and streaming sessions that tag a live
/// conversation one utterance at a time (<see cref="SessionStore"/>). Every refusal is a problem-details response
/// (<c>application/problem+json</c>) with a one-line <c>detail</c>; no stack trace leaves the server.
/// </summary>
internal static class DialogueActsEndpoints
{
    private const string LoggerCategory = "DialogueActs.Hosting.Api";

    /// <summary>The route of <see cref="TagAsync"/>.</summary>
    public const string TagRoute = "/v1/tag";

    /// <summary>The route of <see cref="TagBatchAsync"/>.</summary>
    public const string TagBatchRoute = "/v1/tag/batch";

    /// <summary>The route of <see cref="ModelAsync"/>.</summary>
    public const string ModelRoute = "/v1/model";

    /// <summary>The route of <see cref="StartSessionAsync"/>; a session's URL is this, a slash and its id.</summary>
    public const string SessionsRoute = "/v1/sessions";

    /// <summary>The route of <see cref="DeleteSessionAsync"/>.</summary>
    public const string SessionRoute = SessionsRoute + "/{" + SessionIdParameter + "}";

    /// <summary>The route of <see cref="AddUtteranceAsync"/>.</summary>
    public const string SessionUtterancesRoute = SessionRoute + "/utterances";

    /// <summary>The route of <see cref="EndSessionAsync"/>.</summary>
    public const string SessionEndRoute = SessionRoute + "/end";

    private const string SessionIdParameter = "id";

    /// <summary><c>POST /v1/tag</c>: tags one conversation.</summary>
    public static Task TagAsync(HttpContext context) => HandleAsync(context, TagRoute, async options =>
    {
        var tagger = context.RequestServices.GetRequiredService<IDialogueActTagger>();
        byte[] body = await RequestBodyReader.ReadAsync(context.Request, options.MaxRequestBodyBytes, context.RequestAborted);
        var conversation = TagRequestParser.ParseConversation(body, options);
        return Answer.Ok(TagResponseWriter.Conversation(conversation, tagger.Tag(conversation), tagger.Glossary), 1, conversation.Utterances.Count);
    });

    /// <summary><c>POST /v1/tag/batch</c>: tags several conversations.</summary>
    public static Task TagBatchAsync(HttpContext context) => HandleAsync(context, TagBatchRoute, async options =>
    {
        var tagger = context.RequestServices.GetRequiredService<IDialogueActTagger>();
        byte[] body = await RequestBodyReader.ReadAsync(context.Request, options.MaxRequestBodyBytes, context.RequestAborted);
        var conversations = TagRequestParser.ParseBatch(body, options);
        return Answer.Ok(TagResponseWriter.Batch(conversations, tagger.TagMany(conversations), tagger.Glossary), conversations.Count, conversations.Sum(c => c.Utterances.Count));
    });

    /// <summary><c>POST /v1/sessions</c>: starts a streaming session; 201 with its id and its URL in <c>Location</c>.</summary>
    public static Task StartSessionAsync(HttpContext context) => HandleAsync(context, SessionsRoute, async options =>
    {
        byte[] body = await RequestBodyReader.ReadAsync(context.Request, options.MaxRequestBodyBytes, context.RequestAborted);
        int lag = SessionRequestParser.ParseStart(body, options);
        string id = await context.RequestServices.GetRequiredService<ISessionStore>().StartAsync(lag, context.RequestAborted);
        string url = $"{(context.Request.PathBase + context.Request.Path).ToUriComponent().TrimEnd('/')}/{id}";
        return new Answer(StatusCodes.Status201Created, SessionResponseWriter.Started(id, lag), Location: url);
    });

    /// <summary>
    /// <c>POST /v1/sessions/{id}/utterances[?index=N]</c>: tags the session's next utterance; with <c>index</c>, only when
    /// that is the index it would get (else 409 with the session's current <c>index</c>).
    /// </summary>
    public static Task AddUtteranceAsync(HttpContext context) => HandleAsync(context, SessionUtterancesRoute, async options =>
    {
        byte[] body = await RequestBodyReader.ReadAsync(context.Request, options.MaxRequestBodyBytes, context.RequestAborted);
        var utterance = SessionRequestParser.ParseUtterance(body, options);
        int? expectedIndex = SessionRequestParser.ParseExpectedIndex(context.Request.Query);
        var tag = await context.RequestServices.GetRequiredService<ISessionStore>().AddAsync(SessionId(context), expectedIndex, utterance.Speaker, utterance.Text, context.RequestAborted);
        return Answer.Ok(SessionResponseWriter.Tagged(tag, Glossary(context)), 1, 1);
    });

    /// <summary><c>POST /v1/sessions/{id}/end</c>: ends the session's conversation, answers the final revisions and closes it.</summary>
    public static Task EndSessionAsync(HttpContext context) => HandleAsync(context, SessionEndRoute, async _ =>
        Answer.Ok(SessionResponseWriter.Ended(await context.RequestServices.GetRequiredService<ISessionStore>().EndAsync(SessionId(context), context.RequestAborted), Glossary(context)), 0, 0));

    /// <summary><c>DELETE /v1/sessions/{id}</c>: closes the session; 204.</summary>
    public static Task DeleteSessionAsync(HttpContext context) => HandleAsync(context, SessionRoute, async _ =>
    {
        await context.RequestServices.GetRequiredService<ISessionStore>().DeleteAsync(SessionId(context), context.RequestAborted);
        return new Answer(StatusCodes.Status204NoContent, Json: null);
    });

    /// <summary>
    /// <c>GET /v1/model</c>: labels (and <c>labelNames</c>, label → name, for the labels the model names), the temperature of
    /// the confidences, training metadata, the model's tokenizer and model settings (<c>config</c>), whether the model
    /// streams, and request limits.
    /// </summary>
    public static Task ModelAsync(HttpContext context)
    {
        var tagger = context.RequestServices.GetRequiredService<IDialogueActTagger>();
        var options = context.RequestServices.GetRequiredService<IOptions<DialogueActsOptions>>().Value;
        return Results.Json(new
        {
            labels = tagger.Labels,
            labelNames = tagger.Glossary.IsEmpty ? null : tagger.Labels.Where(l => tagger.Glossary.NameOf(l) is not null).ToDictionary(l => l, l => tagger.Glossary.NameOf(l)),
            temperature = tagger.Temperature,
            topK = options.TopK,
            streaming = SessionStore.SupportsSessions(tagger),
            metadata = tagger.Metadata,
            config = tagger is DialogueActTagger trained ? new { tokenizer = trained.TokenizerOptions, model = trained.ModelOptions } : null,
            limits = new
            {
                maxRequestBodyBytes = options.MaxRequestBodyBytes,
                maxConversationsPerBatch = options.MaxConversationsPerBatch,
                maxUtterancesPerConversation = options.MaxUtterancesPerConversation,
                maxCharactersPerUtterance = options.MaxCharactersPerUtterance,
                maxSessions = options.MaxSessions,
                sessionIdleTimeoutSeconds = options.SessionIdleTimeout.TotalSeconds,
                maxUtterancesPerSession = options.SessionUtteranceLimit,
                maxSessionLag = options.MaxSessionLag,
            },
        }).ExecuteAsync(context);
    }

    private static string SessionId(HttpContext context) => (string)context.Request.RouteValues[SessionIdParameter]!;

    /// <summary>The names of the served model's labels.</summary>
    private static LabelGlossary Glossary(HttpContext context) => context.RequestServices.GetRequiredService<IDialogueActTagger>().Glossary;

    /// <summary>A handler's answer: its status, its JSON body (none for 204) and what it tagged, for the metrics and the log.</summary>
    private readonly record struct Answer(int StatusCode, byte[]? Json, int Conversations = 0, int Utterances = 0, string? Location = null)
    {
        public static Answer Ok(byte[] json, int conversations, int utterances) => new(StatusCodes.Status200OK, json, conversations, utterances);
    }

    // Metrics are recorded before the answer is written, so a client holding the answer sees them counted.
    private static async Task HandleAsync(HttpContext context, string route, Func<DialogueActsOptions, Task<Answer>> handle)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);
        var metrics = context.RequestServices.GetRequiredService<DialogueActsMetrics>();
        long started = Stopwatch.GetTimestamp();
        metrics.RequestStarted(route);
        try
        {
            var options = context.RequestServices.GetRequiredService<IOptions<DialogueActsOptions>>().Value;
            var answer = await handle(options);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Answered(route, answer.StatusCode, answer.Utterances, elapsed);
            context.Response.StatusCode = answer.StatusCode;
            if (answer.Location is not null) context.Response.Headers.Location = answer.Location;
            if (answer.Json is { } json)
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.ContentLength = json.Length;
                await context.Response.Body.WriteAsync(json, context.RequestAborted);
            }
            if (answer.Utterances > 0) Log.Tagged(logger, answer.Conversations, answer.Utterances, elapsed.TotalMilliseconds);
        }
        catch (RequestRejectedException ex)
        {
            if (ex.RetryAfter is { } retryAfter)
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await RejectAsync(context, logger, metrics, route, started, ex.StatusCode, ex.Message, ex.Extensions);
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

    private static Task RejectAsync(HttpContext context, ILogger logger, DialogueActsMetrics metrics, string route, long started, int statusCode, string detail,
        IDictionary<string, object?>? extensions = null)
    {
        metrics.Refused(route, statusCode, Stopwatch.GetElapsedTime(started));
        // A 503 comes of an outage that its cause logs once (the session store); one line per request would flood the log.
        if (statusCode == StatusCodes.Status503ServiceUnavailable) Log.RefusedUnavailable(logger, context.Request.Method, context.Request.Path, detail);
        else Log.Refused(logger, context.Request.Method, context.Request.Path, statusCode, detail);
        return Problem(statusCode, detail, extensions).ExecuteAsync(context);
    }

    private static IResult Problem(int statusCode, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: statusCode, extensions: extensions);
}
