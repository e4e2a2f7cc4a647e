using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using DialogueActs.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DialogueActs.Tests.Hosting;

/// <summary>The API's instruments, read with a <see cref="MeterListener"/> as OpenTelemetry and dotnet-counters read them.</summary>
[Collection(HostingCollection.Name)]
public sealed class MetricsTests
{
    private readonly TrainedModelFixture _model;

    public MetricsTests(TrainedModelFixture model) => _model = model;

    [Fact]
    public async Task TagRequestsCountRequestsUtterancesRefusalsAndOneDurationEach()
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath);
        using var recorder = new MeasurementRecorder(server.Services.GetRequiredService<IMeterFactory>());

        using (var response = await Post(server, "/v1/tag", "{\"utterances\":[{\"text\":\"hi\"},{\"text\":\"do you have kids?\"},{\"text\":\"yeah\"}]}"))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var response = await Post(server, "/v1/tag/batch",
            "{\"conversations\":[{\"utterances\":[{\"text\":\"a\"},{\"text\":\"b\"}]},{\"utterances\":[{\"text\":\"c\"}]}]}"))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var response = await Post(server, "/v1/tag", "{\"utterances\": ["))
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using (var response = await server.Client.GetAsync("/healthz"))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var requests = recorder.Of(DialogueActsMetrics.RequestsName);
        Assert.Equal(3, requests.Sum(m => m.Value));
        Assert.Equal(2, requests.Where(m => m.Route == "/v1/tag").Sum(m => m.Value));
        Assert.Equal(1, requests.Where(m => m.Route == "/v1/tag/batch").Sum(m => m.Value));

        var utterances = recorder.Of(DialogueActsMetrics.UtterancesName);
        Assert.Equal(6, utterances.Sum(m => m.Value));
        Assert.Equal(3, utterances.Where(m => m.Route == "/v1/tag").Sum(m => m.Value));

        var refusal = Assert.Single(recorder.Of(DialogueActsMetrics.RefusalsName));
        Assert.Equal(1, refusal.Value);
        Assert.Equal("/v1/tag", refusal.Route);
        Assert.Equal(400, refusal.StatusCode);

        var durations = recorder.Of(DialogueActsMetrics.DurationName);
        Assert.Equal([200, 200, 400], durations.Select(m => m.StatusCode!.Value).Order());
        Assert.All(durations, m => Assert.InRange(m.Value, 1e-7, 60));
    }

    [Fact]
    public async Task TheMeterIsNamedDialogueActsAndTheInstrumentsStateTheirUnits()
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath);
        using var recorder = new MeasurementRecorder(server.Services.GetRequiredService<IMeterFactory>());
        using (var response = await Post(server, "/v1/tag", "{\"utterances\":[{\"text\":\"hi\"}]}"))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal(
            [("dialogue_acts.refusals", "{request}"), ("dialogue_acts.requests", "{request}"), ("dialogue_acts.sessions.open", "{session}"),
             ("dialogue_acts.tag.duration", "s"), ("dialogue_acts.utterances", "{utterance}")],
            recorder.Instruments.Select(i => (i.Name, i.Unit!)).Order());
        Assert.All(recorder.Instruments, i => Assert.Equal("DialogueActs", i.Meter.Name));
    }

    [Fact]
    public async Task SessionRequestsAreCountedUnderTheirRouteTemplatesAndOpenSessionsGoUpAndDown()
    {
        await using var server = await ApiServer.StartAsync(_model.CausalModelPath);
        using var recorder = new MeasurementRecorder(server.Services.GetRequiredService<IMeterFactory>());

        string first = await SessionEndpointTests.Start(server, "{\"lag\":1}");
        string second = await SessionEndpointTests.Start(server, "");
        (await SessionEndpointTests.Add(server, first, "A", "do you have kids?")).Dispose();
        (await SessionEndpointTests.Add(server, first, "B", "yeah")).Dispose();
        using (var response = await Post(server, $"/v1/sessions/{first}/end", ""))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var response = await server.Client.DeleteAsync($"/v1/sessions/{second}"))
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using (var response = await Post(server, $"/v1/sessions/{second}/utterances", "{\"text\":\"hi\"}"))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await SessionEndpointTests.Start(server, "");

        var requests = recorder.Of(DialogueActsMetrics.RequestsName);
        Assert.Equal(3, requests.Where(m => m.Route == "/v1/sessions").Sum(m => m.Value));
        Assert.Equal(3, requests.Where(m => m.Route == "/v1/sessions/{id}/utterances").Sum(m => m.Value));
        Assert.Equal(1, requests.Where(m => m.Route == "/v1/sessions/{id}/end").Sum(m => m.Value));
        Assert.Equal(1, requests.Where(m => m.Route == "/v1/sessions/{id}").Sum(m => m.Value));
        Assert.Equal(8, requests.Sum(m => m.Value));

        var utterances = Assert.Single(recorder.Of(DialogueActsMetrics.UtterancesName).GroupBy(m => m.Route));
        Assert.Equal(("/v1/sessions/{id}/utterances", 2.0), (utterances.Key, utterances.Sum(m => m.Value)));
        var refusal = Assert.Single(recorder.Of(DialogueActsMetrics.RefusalsName));
        Assert.Equal(("/v1/sessions/{id}/utterances", 404), (refusal.Route, refusal.StatusCode));
        Assert.Equal([200, 200, 200, 201, 201, 201, 204, 404], recorder.Of(DialogueActsMetrics.DurationName).Select(m => m.StatusCode!.Value).Order());

        var open = recorder.Of(DialogueActsMetrics.OpenSessionsName);
        Assert.Equal([1, 1, -1, -1, 1], open.Select(m => m.Value));
        Assert.Equal(server.Services.GetRequiredService<SessionStore>().Count, open.Sum(m => m.Value));
    }

    private static Task<HttpResponseMessage> Post(ApiServer server, string path, string body) =>
        server.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    private sealed record Measurement(string Instrument, double Value, string? Route, int? StatusCode);

    /// <summary>
    /// Records the measurements of the <c>DialogueActs</c> meter of one container (other servers' meters have another scope).
    /// The API records before it answers, so a measurement is here once its response has arrived.
    /// </summary>
    private sealed class MeasurementRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<Measurement> _measurements = new();
        private readonly ConcurrentDictionary<Instrument, bool> _instruments = new();

        public MeasurementRecorder(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name != DialogueActsMetrics.MeterName || !ReferenceEquals(instrument.Meter.Scope, scope)) return;
                _instruments[instrument] = true;
                listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.Start();
        }

        public IReadOnlyCollection<Instrument> Instruments => _instruments.Keys.ToArray();

        public IReadOnlyList<Measurement> Of(string instrument) => _measurements.Where(m => m.Instrument == instrument).ToArray();

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? route = null;
            int? statusCode = null;
            foreach (var tag in tags)
            {
                if (tag.Key == DialogueActsMetrics.RouteTag) route = (string?)tag.Value;
                if (tag.Key == DialogueActsMetrics.StatusCodeTag) statusCode = (int?)tag.Value;
            }
            _measurements.Enqueue(new Measurement(instrument.Name, value, route, statusCode));
        }
    }
}
