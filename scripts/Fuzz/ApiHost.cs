using DialogueActs.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialogueActs.Fuzz;

/// <summary>
/// The real HTTP API (<c>MapDialogueActs</c> on Kestrel, default limits) on 127.0.0.1 with a free
/// port, and a client for it. Errors logged by the API (the 500 path) are counted.
/// </summary>
public sealed class ApiHost : IDisposable
{
    private readonly WebApplication _app;
    private readonly ErrorCounter _errors = new();

    /// <summary>Starts the API serving the model at <paramref name="modelPath"/>.</summary>
    public ApiHost(string modelPath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(_errors);
        if (Environment.GetEnvironmentVariable("FUZZ_SERVER_LOG") == "1")
        {
            // Diagnosing a case: the server's own log on the console.
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug);
        }
        builder.Services.AddDialogueActTagger(options => options.ModelPath = modelPath);
        _app = builder.Build();
        _app.MapDialogueActs();
        _app.StartAsync().GetAwaiter().GetResult();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A client whose base address is the server.</summary>
    public HttpClient Client { get; }

    /// <summary>The last error the server logged, or null; reading it clears it.</summary>
    public string? TakeLoggedError() => Interlocked.Exchange(ref _errors.Last, null);

    /// <inheritdoc />
    public void Dispose()
    {
        Client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private sealed class ErrorCounter : ILoggerProvider, ILogger
    {
        public string? Last;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                Last = $"{formatter(state, exception)} {exception?.GetType().FullName}: {exception?.Message}";
            }
        }

        public void Dispose()
        {
        }
    }
}
