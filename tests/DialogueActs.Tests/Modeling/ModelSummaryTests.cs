using DialogueActs.Modeling;
using TorchSharp;

namespace DialogueActs.Tests.Modeling;

public sealed class ModelSummaryTests
{
    public static TheoryData<ModelOptions> Options => new()
    {
        new ModelOptions { VocabularySize = 10000, LabelCount = 41 },
        new ModelOptions { VocabularySize = 123, LabelCount = 5, EmbeddingDim = 7, UtteranceHidden = 3, ConversationHidden = 9, SpeakerFeature = true },
        new ModelOptions { VocabularySize = 50, LabelCount = 4, UseCrf = false },
        new ModelOptions { VocabularySize = 50, LabelCount = 4, UseConversationLstm = false, SpeakerFeature = true },
        new ModelOptions { VocabularySize = 60, LabelCount = 6, EmbeddingDim = 5, UtteranceHidden = 4, ConversationHidden = 3, SpeakerFeature = true, SpeakerWindow = 4, MaxPooling = true },
        new ModelOptions { VocabularySize = 60, LabelCount = 6, EmbeddingDim = 5, UtteranceHidden = 4, ConversationHidden = 3, MaxPooling = true, CharacterFilters = 7, CharacterEmbeddingDim = 2 },
        new ModelOptions { VocabularySize = 60, LabelCount = 6, EmbeddingDim = 5, UtteranceHidden = 4, ConversationHidden = 9, SpeakerFeature = true, ConversationDirection = ModelOptions.Forward },
    };

    [Theory]
    [MemberData(nameof(Options))]
    public void CountsEqualTheRealModulesParameters(ModelOptions options)
    {
        using var scope = torch.NewDisposeScope();
        var model = new HierarchicalTagger(options);
        var parameters = model.named_parameters().Select(p => (p.name, Count: p.parameter.numel())).ToList();
        var rows = ModelSummary.Rows(options);

        Assert.Equal(parameters.Sum(p => p.Count), ModelSummary.Total(options));
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
        var rows = ModelSummary.Rows(new ModelOptions { VocabularySize = 10000, LabelCount = 41 });
        Assert.Equal(2_000_000, rows[0].Parameters);
        Assert.Equal(41 * 41 + 82, rows[^1].Parameters);
    }
}
