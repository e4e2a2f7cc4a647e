using System.Net;
using DialogueActs.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DialogueActs.Tests.Hosting;

/// <summary><c>/healthz</c> is ASP.NET Core's health checks endpoint, with the model's readiness as one check.</summary>
[Collection(HostingCollection.Name)]
public sealed class HealthCheckTests
{
    private readonly TrainedModelFixture _model;

    public HealthCheckTests(TrainedModelFixture model) => _model = model;

    [Fact]
    public async Task HealthzAnswersOkAndTheModelCheckIsHealthyOnceTheModelIsLoaded()
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath);

        using var response = await server.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"status\":\"ok\"}", await response.Content.ReadAsStringAsync());

        var report = await server.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var entry = Assert.Single(report.Entries);
        Assert.Equal(DialogueActTaggerHealthCheck.Name, entry.Key);
        Assert.Equal(HealthStatus.Healthy, entry.Value.Status);
        Assert.Equal(["ready"], entry.Value.Tags);
    }

    [Fact]
    public async Task HealthzAnswers503WithTheModelsOneLineErrorWhenTheModelCannotBeLoaded()
    {
        // Start-up validation would stop this host; without it the host serves and the check must say why it is not ready.
        await using var server = await ApiServer.StartAsync("models/x.zip",
            services: s => s.RemoveAll<IValidateOptions<DialogueActsOptions>>());

        using var response = await server.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"status\":\"unhealthy\",\"checks\":{\"dialogue-acts-model\":\"models/x.zip: file not found\"}}",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheCheckReportsTheValidationErrorWhenTheOptionsAreInvalid()
    {
        var services = new ServiceCollection();
        services.AddDialogueActTagger(o => o.ModelPath = "models/x.zip");
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal("models/x.zip: file not found", report.Entries[DialogueActTaggerHealthCheck.Name].Description);
    }

    [Fact]
    public async Task AServiceWithItsOwnHealthChecksKeepsThemAndGetsTheModelCheckOnce()
    {
        await using var server = await ApiServer.StartAsync(_model.ModelPath, services: s =>
        {
            s.AddHealthChecks().AddCheck("database", () => HealthCheckResult.Unhealthy("connection refused\nat line 2"));
            s.AddDialogueActTagger();
        });

        var report = await server.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(["database", DialogueActTaggerHealthCheck.Name], report.Entries.Keys.Order());
        using var response = await server.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("{\"status\":\"unhealthy\",\"checks\":{\"database\":\"connection refused\"}}", await response.Content.ReadAsStringAsync());
    }
}
