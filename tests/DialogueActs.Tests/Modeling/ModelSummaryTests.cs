using DialogueActs.Modeling;
using TorchSharp;

namespace DialogueActs.Tests.Modeling;

public sealed class ModelSummaryTests
{
    public static TheoryData<ModelOptions, ModelDimensions> Options => new()
    {
        { new ModelOptions(), new ModelDimensions(10000, 41) },
        { new ModelOptions { EmbeddingDim = 7, UtteranceHidden = 3, ConversationHidden = 9, SpeakerFeature = true }, new ModelDimensions(123, 5) },
        { new ModelOptions { UseCrf = false }, new ModelDimensions(50, 4) },
        { new ModelOptions { UseConversationLstm = false, SpeakerFeature = true }, new ModelDimensions(50, 4) },
        { new ModelOptions { EmbeddingDim = 5, UtteranceHidden = 4, ConversationHidden = 3, SpeakerFeature = true, SpeakerWindow = 4, MaxPooling = true }, new ModelDimensions(60, 6) },
        { new ModelOptions { EmbeddingDim = 5, UtteranceHidden = 4, ConversationHidden = 3, MaxPooling = true, CharacterFilters = 7, CharacterEmbeddingDim = 2 }, new ModelDimensions(60, 6) },
        { new ModelOptions { EmbeddingDim = 5, UtteranceHidden = 4, ConversationHidden = 9, SpeakerFeature = true, ConversationDirection = ConversationDirection.Forward }, new ModelDimensions(60, 6) },
        { new ModelOptions { EmbeddingDim = 5, UtteranceHidden = 4, ConversationHidden = 3, SpeakerTransitions = true }, new ModelDimensions(60, 6) },
    };

    [Theory]
    [MemberData(nameof(Options))]
    public void CountsEqualTheRealModulesParameters(ModelOptions options, ModelDimensions dimensions)
    {
        using var scope = torch.NewDisposeScope();
        var model = new HierarchicalTagger(options, dimensions);
        var parameters = model.named_parameters().Select(p => (p.name, Count: p.parameter.numel())).ToList();
        var rows = ModelSummary.Rows(options, dimensions);

        Assert.Equal(parameters.Sum(p => p.Count), ModelSummary.Total(options, dimensions));
        foreach (var row in rows.Where(r => r.ParameterPrefix is not null))
        {
            long actual = parameters.Where(p => p.name.StartsWith(row.ParameterPrefix!, StringComparison.Ordinal)).Sum(p => p.Count);
            Assert.True(row.Parameters == actual, $"{row.Layer}: summary says {row.Parameters}, module has {actual}");
        }
        // Every real parameter belongs to exactly one row.
        Assert.All(parameters, p => Assert.Single(rows, r => r.ParameterPrefix is not null && p.name.StartsWith(r.ParameterPrefix, StringComparison.Ordinal)));
    }

    [Fact]
    public void BenchmarkSizesGiveTheDocumentedLstmCounts()
    {
        // 4·128·(200+128) + 8·128 = 168,960 per direction.
        Assert.Equal(2 * 168_960, ModelSummary.LstmParameters(200, 128));
        var rows = ModelSummary.Rows(new ModelOptions(), new ModelDimensions(10000, 41));
        Assert.Equal(2_000_000, rows[0].Parameters);
        Assert.Equal(41 * 41 + 82, rows[^1].Parameters);
    }
}
