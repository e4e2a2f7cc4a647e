using DialogueActs.Modeling;
using DialogueActs.Hosting;
using DialogueActs.Inference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DialogueActs.Tests.Hosting;

[Collection(HostingCollection.Name)]
public sealed class HostStartupTests
{
    private readonly TrainedModelFixture _model;

    public HostStartupTests(TrainedModelFixture model) => _model = model;

    [Fact]
    public async Task HostWithAMissingModelFailsToStartWithTheFileNotFoundMessage()
    {
        using var host = BuildHost(services => services.AddDialogueActTagger(o => o.ModelPath = "models/x.zip"));
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Equal("models/x.zip: file not found", e.Message);
    }

    [Fact]
    public async Task HostWithACorruptModelFailsToStartWithTheArchiveMessage()
    {
        string path = Path.Combine(_model.Dir, "corrupt.zip");
        File.WriteAllBytes(path, File.ReadAllBytes(_model.ModelPath).AsSpan(0, 300).ToArray());
        using var host = BuildHost(services => services.AddDialogueActTagger(o => o.ModelPath = path));
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.StartsWith($"{path}: not a valid model file", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task HostWithoutAModelPathOrWithBadLimitsFailsToStartNamingTheSettings()
    {
        using var host = BuildHost(services => services.AddDialogueActTagger(o => o.TopK = 0));
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Equal(
            "DialogueActs:ModelPath: is required (the model.zip written by 'dialogue-acts train'); DialogueActs:TopK: must be at least 1, got 0",
            e.Message);
    }

    [Fact]
    public async Task HostWithAMalformedRedisConnectionFailsToStartNamingTheSetting()
    {
        using var host = BuildHost(services => services.AddDialogueActTagger(o =>
        {
            o.ModelPath = _model.CausalModelPath;
            o.Redis = "localhost:6379,colour=blue";
        }));
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.StartsWith("DialogueActs:Redis: not a Redis connection (", e.Message);
        Assert.EndsWith("got 'localhost:6379,colour=blue'", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task OptionsBoundFromTheDialogueActsSectionLoadOneSingletonTagger()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DialogueActs:ModelPath"] = _model.ModelPath,
            ["DialogueActs:TopK"] = "2",
        });
        builder.Services.AddDialogueActTagger();
        using var host = builder.Build();
        await host.StartAsync();

        var tagger = host.Services.GetRequiredService<IDialogueActTagger>();
        Assert.Same(tagger, host.Services.GetRequiredService<IDialogueActTagger>());
        var conversation = TrainedModelFixture.Conversations(1, seed: 5)[0];
        var tagged = tagger.Tag(conversation);
        Assert.All(tagged.Utterances, u => Assert.Equal(2, u.Top.Count));
        using var direct = DialogueActTagger.Load(_model.ModelPath, new TaggerOptions { TopK = 2 });
        Assert.Equal(TrainedModelFixture.Serialize(conversation, direct.Tag(conversation)), TrainedModelFixture.Serialize(conversation, tagged));
        await host.StopAsync();
    }

    [Fact]
    public async Task AModelWithASentenceEncoderNeedsAProviderOfItInTheContainer()
    {
        using var corpus = new DialogueActs.Tests.Training.TinyCorpus(trainConversations: 6, seed: 9);
        var config = corpus.Config(epochs: 1, model: ", \"sentenceEncoder\": \"hash-encoder\"", training: ", \"sentenceCache\": \"cache\"");
        var encoder = new DialogueActs.Tests.Text.HashSentenceEncoder("hash-encoder/v1");
        var result = new DialogueActs.Training.Trainer(config, Path.Combine(corpus.Directory, "run"), new DialogueActs.Tests.Training.RecordingObserver()) { Resources = [encoder] }
            .Run(resume: false);

        using (var without = BuildHost(services => services.AddDialogueActTagger(o => o.ModelPath = result.ModelPath)))
        {
            var e = await Assert.ThrowsAsync<OptionsValidationException>(() => without.StartAsync());
            Assert.StartsWith("the model's sentences feature needs the sentence-encoder 'hash-encoder/v1', and none was given", e.Message);
        }

        using var host = BuildHost(services => services.AddSingleton<IFeatureResourceProvider>(new GivenResource(encoder)).AddDialogueActTagger(o => o.ModelPath = result.ModelPath));
        await host.StartAsync();
        var conversation = TrainedModelFixture.Conversations(1, seed: 6)[0];
        var tagged = host.Services.GetRequiredService<IDialogueActTagger>().Tag(conversation);
        using var direct = DialogueActTagger.Load(result.ModelPath, new TaggerOptions { Resources = [encoder] });
        Assert.Equal(TrainedModelFixture.Serialize(conversation, direct.Tag(conversation)), TrainedModelFixture.Serialize(conversation, tagged));
        await host.StopAsync();
    }

    /// <summary>A provider that hands out one resource the test made (the host must not dispose it).</summary>
    private sealed class GivenResource(object resource) : IFeatureResourceProvider
    {
        public object? Create(ResourceRequest request) => resource;
    }

    private static IHost BuildHost(Action<IServiceCollection> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        configure(builder.Services);
        return builder.Build();
    }
}
