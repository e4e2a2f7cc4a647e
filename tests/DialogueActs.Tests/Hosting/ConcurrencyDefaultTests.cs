using DialogueActs.Hosting;
using DialogueActs.Inference;

namespace DialogueActs.Tests.Hosting;

/// <summary>
/// The default tagging concurrency is the number of cores, one value shared by the library, the host and
/// <c>serve --max-concurrency</c>: more long meetings tagged at once only added memory (the soak's malloc arenas).
/// </summary>
public sealed class ConcurrencyDefaultTests
{
    [Fact]
    public void TheLibraryDefaultIsTheNumberOfCores()
    {
        Assert.Equal(Environment.ProcessorCount, TaggerOptions.DefaultMaxConcurrency);
        Assert.Equal(TaggerOptions.DefaultMaxConcurrency, new TaggerOptions().MaxConcurrency);
    }

    [Fact]
    public void TheHostDefaultIsTheLibraryDefaultAndReachesTheTagger()
    {
        var defaults = new DialogueActsOptions();
        Assert.Equal(TaggerOptions.DefaultMaxConcurrency, defaults.MaxConcurrency);
        Assert.Equal(TaggerOptions.DefaultMaxConcurrency, defaults.ToTaggerOptions().MaxConcurrency);
        Assert.Null(new DialogueActsOptions { MaxConcurrency = null }.ToTaggerOptions().MaxConcurrency);
    }
}
