using Microsoft.Extensions.Options;

namespace DialogueActs.Hosting;

/// <summary>
/// Validates <see cref="DialogueActsOptions"/> and loads the model they name, so that
/// <c>ValidateOnStart</c> fails the host's start with the model's one-line error
/// (e.g. <c>models/x.zip: file not found</c>).
/// </summary>
internal sealed class DialogueActsOptionsValidator : IValidateOptions<DialogueActsOptions>
{
    private readonly DialogueActTaggerProvider _provider;

    public DialogueActsOptionsValidator(DialogueActTaggerProvider provider) => _provider = provider;

    public ValidateOptionsResult Validate(string? name, DialogueActsOptions options)
    {
        if (name != Options.DefaultName) return ValidateOptionsResult.Skip;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ModelPath))
            failures.Add($"{DialogueActsOptions.SectionName}:{nameof(options.ModelPath)}: is required (the model.zip written by 'dialogue-acts train')");
        AtLeastOne(failures, nameof(options.TopK), options.TopK);
        if (options.MaxConcurrency is int concurrency) AtLeastOne(failures, nameof(options.MaxConcurrency), concurrency);
        if (!Enum.IsDefined(options.Precision))
            failures.Add($"{DialogueActsOptions.SectionName}:{nameof(options.Precision)}: must be Auto, Float32 or BFloat16, got {(int)options.Precision}");
        AtLeastOne(failures, nameof(options.MaxUtterancesPerBatch), options.MaxUtterancesPerBatch);
        AtLeastOne(failures, nameof(options.MaxUtterancesPerConversation), options.MaxUtterancesPerConversation);
        AtLeastOne(failures, nameof(options.MaxCharactersPerUtterance), options.MaxCharactersPerUtterance);
        AtLeastOne(failures, nameof(options.MaxConversationsPerBatch), options.MaxConversationsPerBatch);
        AtLeastOne(failures, nameof(options.MaxRequestBodyBytes), options.MaxRequestBodyBytes);
        AtLeastOne(failures, nameof(options.MaxSessions), options.MaxSessions);
        if (options.SessionIdleTimeout <= TimeSpan.Zero)
            failures.Add($"{DialogueActsOptions.SectionName}:{nameof(options.SessionIdleTimeout)}: must be more than 0, got {options.SessionIdleTimeout}");
        AtLeastOne(failures, nameof(options.MaxUtterancesPerSession), options.MaxUtterancesPerSession);
        if (options.MaxSessionLag < 0)
            failures.Add($"{DialogueActsOptions.SectionName}:{nameof(options.MaxSessionLag)}: must be at least 0, got {options.MaxSessionLag}");
        if (options.Redis.Length > 0)
        {
            try
            {
                RedisSessionStore.Configuration(options.Redis);
            }
            catch (ArgumentException ex)
            {
                failures.Add($"{DialogueActsOptions.SectionName}:{nameof(options.Redis)}: not a Redis connection ({DialogueActsException.Brief(ex.Message)}), got '{DialogueActsException.Excerpt(options.Redis)}'");
            }
        }
        if (failures.Count > 0) return ValidateOptionsResult.Fail(failures);

        try
        {
            _provider.Load(options);
        }
        catch (DialogueActsException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
        return ValidateOptionsResult.Success;
    }

    private static void AtLeastOne(List<string> failures, string name, long value)
    {
        if (value < 1) failures.Add($"{DialogueActsOptions.SectionName}:{name}: must be at least 1, got {value}");
    }
}
