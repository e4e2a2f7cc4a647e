using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DialogueActs.Hosting;

/// <summary>
/// The model's readiness as an ASP.NET Core health check: Healthy once the model is loaded, Unhealthy with the
/// load's one-line error (e.g. <c>models/x.zip: file not found</c>) otherwise. Registered by
/// <see cref="DialogueActsServiceCollectionExtensions.AddDialogueActTagger(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{DialogueActsOptions}?)"/>
/// as <see cref="Name"/>, tagged <see cref="ReadyTag"/>.
/// </summary>
public sealed class DialogueActTaggerHealthCheck : IHealthCheck
{
    /// <summary>The name of the check's registration.</summary>
    public const string Name = "dialogue-acts-model";

    /// <summary>The tag of the check's registration, e.g. for <c>MapHealthChecks("/ready", new() { Predicate = r =&gt; r.Tags.Contains("ready") })</c>.</summary>
    public const string ReadyTag = "ready";

    private readonly DialogueActTaggerProvider _provider;
    private readonly IOptions<DialogueActsOptions> _options;

    internal DialogueActTaggerHealthCheck(DialogueActTaggerProvider provider, IOptions<DialogueActsOptions> options)
    {
        _provider = provider;
        _options = options;
    }

    /// <summary>
    /// Loads the model if nothing has yet (start-up validation normally has, so this returns at once) and reports
    /// whether that succeeded.
    /// </summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Reading the options runs their validation, which loads the model (and fails with its one-line error).
            var tagger = _provider.Load(_options.Value);
            return Task.FromResult(HealthCheckResult.Healthy($"model loaded: {tagger.Labels.Count} labels"));
        }
        catch (OptionsValidationException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(DialogueActsException.FirstLine(ex.Message)));
        }
        catch (DialogueActsException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(DialogueActsException.FirstLine(ex.Message)));
        }
    }
}
