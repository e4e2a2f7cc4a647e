using System.Diagnostics.Metrics;
using DialogueActs.Inference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DialogueActs.Hosting;

/// <summary>Registers a dialogue-act tagger in a service collection.</summary>
public static class DialogueActsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDialogueActTagger"/> as a singleton loaded once from
    /// <see cref="DialogueActsOptions.ModelPath"/>. The options are bound from the configuration section
    /// <c>DialogueActs</c> when the container has an <see cref="IConfiguration"/>, then
    /// <paramref name="configure"/> runs. They are validated, and the model loaded, when the host starts:
    /// a key of the section that names no setting, a value its setting cannot read, a value out of range, and a
    /// missing or corrupt model each fail the start with one line (<c>DialogueActs:TopK: must be at least 1, got 0</c>).
    /// Unless <see cref="DialogueActsOptions.TuneNativeMemory"/> is false, native memory is tuned for serving just
    /// before the model is loaded (<see cref="NativeMemory.Tune"/>, process-wide; the process's first call wins). Also registers the health check
    /// <see cref="DialogueActTaggerHealthCheck"/> (with <c>AddHealthChecks()</c>, which may be called again) and the
    /// <see cref="DialogueActsMetrics"/> of the HTTP API. The streaming sessions' idle timeout reads the container's
    /// <see cref="TimeProvider"/> when one is registered, else the system clock; with <see cref="DialogueActsOptions.Redis"/>
    /// set, sessions live in Redis and expire through Redis's key expiry.
    /// </summary>
    /// <example><c>builder.Services.AddDialogueActTagger(o => o.ModelPath = "models/model.zip");</c></example>
    public static IServiceCollection AddDialogueActTagger(this IServiceCollection services, Action<DialogueActsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = AddCore(services);
        options.Configure<IServiceProvider>((o, provider) =>
        {
            if (provider.GetService<IConfiguration>() is { } configuration) DialogueActsOptionsBinder.Bind(configuration.GetSection(DialogueActsOptions.SectionName), o);
        });
        if (configure is not null) options.Configure(configure);
        return services;
    }

    /// <summary>
    /// Like <see cref="AddDialogueActTagger(IServiceCollection, Action{DialogueActsOptions}?)"/>, with
    /// the options bound from <paramref name="configuration"/> (e.g. <c>builder.Configuration.GetSection("Tagger")</c>),
    /// whose keys are checked the same way.
    /// </summary>
    public static IServiceCollection AddDialogueActTagger(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(services).Configure(o => DialogueActsOptionsBinder.Bind(configuration, o));
        return services;
    }

    private static OptionsBuilder<DialogueActsOptions> AddCore(IServiceCollection services)
    {
        services.AddLogging();
        services.TryAddSingleton<DialogueActTaggerProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DialogueActsOptions>, DialogueActsOptionsValidator>());
        services.TryAddSingleton<IDialogueActTagger>(provider =>
            provider.GetRequiredService<DialogueActTaggerProvider>().HandOut(provider.GetRequiredService<IOptions<DialogueActsOptions>>().Value));
        services.AddMetrics();
        services.ConfigureAll<Microsoft.AspNetCore.OpenApi.OpenApiOptions>(ApiDocument.Describe);          // /healthz in any OpenAPI document of the app
        services.TryAddSingleton(provider => new DialogueActsMetrics(provider.GetRequiredService<IMeterFactory>()));
        // Created after the tagger it resolves, so the container disposes it (closing every session) before the tagger.
        services.TryAddSingleton(provider => new SessionStore(
            provider.GetRequiredService<IDialogueActTagger>(),
            provider.GetRequiredService<IOptions<DialogueActsOptions>>().Value,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<DialogueActsMetrics>(),
            provider.GetRequiredService<ILogger<SessionStore>>()));
        // The store the endpoints use: Redis when DialogueActs:Redis names it, else the in-memory store above.
        services.TryAddSingleton<ISessionStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DialogueActsOptions>>().Value;
            return options.Redis.Length == 0
                ? provider.GetRequiredService<SessionStore>()
                : new RedisSessionStore(provider.GetRequiredService<IDialogueActTagger>(), options, provider.GetRequiredService<ILogger<RedisSessionStore>>());
        });
        // The registration is added once, however often this runs: HealthCheckService refuses duplicate names.
        if (!services.Any(d => d.ServiceType == typeof(DialogueActTaggerHealthCheck)))
        {
            services.AddSingleton(provider => new DialogueActTaggerHealthCheck(
                provider.GetRequiredService<DialogueActTaggerProvider>(), provider.GetRequiredService<IOptions<DialogueActsOptions>>()));
            services.AddHealthChecks().Add(new HealthCheckRegistration(DialogueActTaggerHealthCheck.Name,
                provider => provider.GetRequiredService<DialogueActTaggerHealthCheck>(), failureStatus: null, tags: [DialogueActTaggerHealthCheck.ReadyTag]));
        }
        return services.AddOptions<DialogueActsOptions>().ValidateOnStart();
    }
}
