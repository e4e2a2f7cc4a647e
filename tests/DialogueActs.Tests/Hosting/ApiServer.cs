using DialogueActs.Cli;
using DialogueActs.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialogueActs.Tests.Hosting;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, serving <c>MapDialogueActs</c>.</summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiServer(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>A client whose base address is the server.</summary>
    public HttpClient Client { get; }

    /// <summary>The server's container.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The server's address.</summary>
    public Uri Address => Client.BaseAddress!;

    /// <param name="services">Runs after <c>AddDialogueActTagger</c>, e.g. to add health checks.</param>
    /// <param name="serve">Start what <c>dialogue-acts serve</c> starts (<see cref="ServeApp"/>): the API, its OpenAPI document and the page.</param>
    public static async Task<ApiServer> StartAsync(string modelPath, Action<DialogueActsOptions>? configure = null,
        Action<IServiceCollection>? services = null, bool serve = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDialogueActTagger(options =>
        {
            options.ModelPath = modelPath;
            configure?.Invoke(options);
        });
        services?.Invoke(builder.Services);
        if (serve) ServeApp.AddServices(builder.Services);
        var app = builder.Build();
        if (serve) ServeApp.Map(app);
        else app.MapDialogueActs();
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ApiServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
