using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DialogueActs.Hosting;

/// <summary>
/// The metrics of the HTTP API: a <see cref="Meter"/> named <see cref="MeterName"/>, created through the
/// container's <see cref="IMeterFactory"/>, so OpenTelemetry (<c>AddMeter("DialogueActs")</c>) and
/// <c>dotnet-counters monitor --counters DialogueActs</c> read it with no further code.
/// </summary>
public sealed class DialogueActsMetrics
{
    /// <summary>The name of the meter.</summary>
    public const string MeterName = "DialogueActs";

    /// <summary>
    /// Counter of API requests received (<c>POST /v1/tag</c>, <c>POST /v1/tag/batch</c> and the <c>/v1/sessions</c> routes,
    /// refused ones included), unit <c>{request}</c>.
    /// </summary>
    public const string RequestsName = "dialogue_acts.requests";

    /// <summary>Counter of utterances tagged by answered requests (one per utterance added to a session), unit <c>{utterance}</c>.</summary>
    public const string UtterancesName = "dialogue_acts.utterances";

    /// <summary>Counter of API requests answered with an error status (4xx, or 500), unit <c>{request}</c>.</summary>
    public const string RefusalsName = "dialogue_acts.refusals";

    /// <summary>Histogram of the time from an API request's start to its answer being ready to send, unit <c>s</c>.</summary>
    public const string DurationName = "dialogue_acts.tag.duration";

    /// <summary>Up-down counter of the streaming sessions open (started and not yet ended, deleted or expired), unit <c>{session}</c>.</summary>
    public const string OpenSessionsName = "dialogue_acts.sessions.open";

    /// <summary>The tag naming the endpoint's route template, e.g. <c>/v1/tag</c> or <c>/v1/sessions/{id}/utterances</c>.</summary>
    public const string RouteTag = "http.route";

    /// <summary>The tag holding the HTTP status of the answer, e.g. <c>400</c>.</summary>
    public const string StatusCodeTag = "http.response.status_code";

    // Seconds: ASP.NET Core's http.server.request.duration boundaries, extended to the 21 s of the longest MRDA meeting under load.
    private static readonly IReadOnlyList<double> DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60];

    private readonly Counter<long> _requests;
    private readonly Counter<long> _utterances;
    private readonly Counter<long> _refusals;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _openSessions;

    internal DialogueActsMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(RequestsName, "{request}", "API requests received, refused ones included.");
        _utterances = meter.CreateCounter<long>(UtterancesName, "{utterance}", "Utterances tagged by answered requests.");
        _refusals = meter.CreateCounter<long>(RefusalsName, "{request}", "API requests answered with an error status.");
        _duration = meter.CreateHistogram(DurationName, "s", "Time from an API request's start to its answer being ready to send.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _openSessions = meter.CreateUpDownCounter<long>(OpenSessionsName, "{session}", "Streaming sessions open.");
    }

    /// <summary>Counts a request as it starts.</summary>
    internal void RequestStarted(string route) => _requests.Add(1, new KeyValuePair<string, object?>(RouteTag, route));

    /// <summary>Records a request answered with the success status <paramref name="statusCode"/> after tagging <paramref name="utterances"/> utterances.</summary>
    internal void Answered(string route, int statusCode, int utterances, TimeSpan elapsed)
    {
        if (utterances > 0) _utterances.Add(utterances, new KeyValuePair<string, object?>(RouteTag, route));
        _duration.Record(elapsed.TotalSeconds, Tags(route, statusCode));
    }

    /// <summary>Records a request answered with the error status <paramref name="statusCode"/>.</summary>
    internal void Refused(string route, int statusCode, TimeSpan elapsed)
    {
        var tags = Tags(route, statusCode);
        _refusals.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Counts a streaming session opened.</summary>
    internal void SessionOpened() => _openSessions.Add(1);

    /// <summary>Counts a streaming session closed (ended, deleted, expired, or disposed with the host).</summary>
    internal void SessionClosed() => _openSessions.Add(-1);

    private static TagList Tags(string route, int statusCode) => new()
    {
        { RouteTag, route },
        { StatusCodeTag, statusCode },
    };
}
