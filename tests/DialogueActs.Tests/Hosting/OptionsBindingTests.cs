using DialogueActs.Hosting;
using DialogueActs.Inference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DialogueActs.Tests.Hosting;

/// <summary>
/// The host's options keep the tagger's settings in one <see cref="TaggerOptions"/>, and configuration binds them after
/// checking every key: the checks <c>serve</c>'s flags, appsettings.json and environment variables share.
/// </summary>
public sealed class OptionsBindingTests
{
    [Fact]
    public void EveryTaggerSettingIsAHostSettingThatReachesTheTaggerOptions()
    {
        var values = new Dictionary<string, object?>
        {
            [nameof(TaggerOptions.TopK)] = 7,
            [nameof(TaggerOptions.MaxUtterancesPerConversation)] = 11,
            [nameof(TaggerOptions.MaxUtterancesPerBatch)] = 13,
            [nameof(TaggerOptions.MaxConcurrency)] = null,
            [nameof(TaggerOptions.Precision)] = InferencePrecision.BFloat16,
        };
        // The features' resources are objects a host's container provides (IFeatureResourceProvider), not settings.
        string[] fromTheContainer = [nameof(TaggerOptions.Resources), nameof(TaggerOptions.ResourceProviders)];
        var taggerSettings = typeof(TaggerOptions).GetProperties().Where(p => p.SetMethod is not null).Select(p => p.Name).Except(fromTheContainer).Order().ToArray();
        Assert.Equal(values.Keys.Order().ToArray(), taggerSettings);                                      // a new tagger setting needs a line here

        var host = new DialogueActsOptions();
        foreach (var (name, value) in values)
        {
            Assert.NotEqual(value, typeof(TaggerOptions).GetProperty(name)!.GetValue(new TaggerOptions()));   // not the default
            typeof(DialogueActsOptions).GetProperty(name)!.SetValue(host, value);
        }
        var tagger = host.ToTaggerOptions();
        foreach (var (name, value) in values)
        {
            Assert.Equal(value, typeof(TaggerOptions).GetProperty(name)!.GetValue(tagger));
            Assert.Equal(value, typeof(DialogueActsOptions).GetProperty(name)!.GetValue(host));
        }
    }

    [Fact]
    public void TheSettingsConfigurationBindsAreEveryPublicSetting()
    {
        var names = DialogueActsOptionsBinder.Settings.Select(p => p.Name).ToArray();
        Assert.Equal(typeof(DialogueActsOptions).GetProperties().Count(p => p.SetMethod is { IsPublic: true }), names.Length);
        Assert.Contains(nameof(DialogueActsOptions.TuneNativeMemory), names);
    }

    [Theory]
    [InlineData("TopK", "2", null)]
    [InlineData("topk", "2", null)]                                                                     // keys are case-insensitive
    [InlineData("TopK", "two", "DialogueActs:TopK: must be an integer, got 'two'")]
    [InlineData("TopK", "", "DialogueActs:TopK: must be an integer, got ''")]
    [InlineData("MaxRequestBodyBytes", "99999999999999999999", "DialogueActs:MaxRequestBodyBytes: must be an integer, got '99999999999999999999'")]
    [InlineData("MaxConcurrency", "", null)]                                                            // none: no limit
    [InlineData("MaxConcurrency", "x", "DialogueActs:MaxConcurrency: must be an integer or empty (none), got 'x'")]
    [InlineData("Precision", "bfloat16", null)]
    [InlineData("Precision", "half", "DialogueActs:Precision: must be one of Auto, Float32, BFloat16, got 'half'")]
    [InlineData("TuneNativeMemory", "no", "DialogueActs:TuneNativeMemory: must be true or false, got 'no'")]
    [InlineData("SessionIdleTimeout", "00:00:30", null)]
    [InlineData("SessionIdleTimeout", "30", "DialogueActs:SessionIdleTimeout: must be a time span as hh:mm:ss or d.hh:mm:ss (00:00:30 is 30 seconds), got '30'")]
    [InlineData("TopKK", "2", "DialogueActs:TopKK: unknown setting (the settings are ModelPath, TopK, MaxConcurrency, Precision, MaxUtterancesPerBatch, MaxUtterancesPerConversation, MaxCharactersPerUtterance, MaxConversationsPerBatch, MaxRequestBodyBytes, MaxSessions, SessionIdleTimeout, MaxUtterancesPerSession, MaxSessionLag, Redis, TuneNativeMemory)")]
    [InlineData("SentenceEncoder", "x", "DialogueActs:SentenceEncoder: unknown setting (the settings are ModelPath, TopK, MaxConcurrency, Precision, MaxUtterancesPerBatch, MaxUtterancesPerConversation, MaxCharactersPerUtterance, MaxConversationsPerBatch, MaxRequestBodyBytes, MaxSessions, SessionIdleTimeout, MaxUtterancesPerSession, MaxSessionLag, Redis, TuneNativeMemory)")]
    public void EveryKeyIsCheckedBeforeBinding(string key, string value, string? error)
    {
        var section = Section(new() { [$"DialogueActs:{key}"] = value });
        var options = new DialogueActsOptions();
        if (error is null)
        {
            DialogueActsOptionsBinder.Bind(section, options);
            Assert.Empty(DialogueActsOptionsBinder.Check(section));
            return;
        }
        var e = Assert.Throws<OptionsValidationException>(() => DialogueActsOptionsBinder.Bind(section, options));
        Assert.Equal(error, e.Message);
    }

    [Fact]
    public void ValuesThatPassTheCheckBindAsTheBinderReadsThem()
    {
        var options = new DialogueActsOptions();
        DialogueActsOptionsBinder.Bind(Section(new()
        {
            ["DialogueActs:TopK"] = "5",
            ["DialogueActs:MaxConcurrency"] = "",
            ["DialogueActs:Precision"] = "float32",
            ["DialogueActs:SessionIdleTimeout"] = "00:00:30",
            ["DialogueActs:TuneNativeMemory"] = "False",
        }), options);
        Assert.Equal((5, (int?)null, InferencePrecision.Float32, TimeSpan.FromSeconds(30), false),
            (options.TopK, options.MaxConcurrency, options.Precision, options.SessionIdleTimeout, options.TuneNativeMemory));
        Assert.Equal(5, options.ToTaggerOptions().TopK);
    }

    [Fact]
    public void SeveralBadKeysAreReportedTogetherInOneLine()
    {
        var section = Section(new() { ["DialogueActs:TopK"] = "x", ["DialogueActs:MaxSessions"] = "y" });
        var e = Assert.Throws<OptionsValidationException>(() => DialogueActsOptionsBinder.Bind(section, new DialogueActsOptions()));
        Assert.Equal(["DialogueActs:MaxSessions: must be an integer, got 'y'", "DialogueActs:TopK: must be an integer, got 'x'"], e.Failures.Order());
        Assert.DoesNotContain('\n', e.Message);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(DialogueActsOptions.SectionName);
}
