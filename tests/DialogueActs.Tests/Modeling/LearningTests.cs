using DialogueActs.Modeling;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Modeling;

public sealed class LearningTests
{
    private const int Steps = 150;
    private readonly ITestOutputHelper _output;

    public LearningTests(ITestOutputHelper output) => _output = output;

    private static (double Train, double Probe) TrainAndScore(bool crf, bool conversationLstm, EncodedConversation[] data, EncodedConversation[] probe)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(17);
        var model = new HierarchicalTagger(new ModelOptions
        {
            VocabularySize = SyntheticContextTask.VocabularySize,
            LabelCount = SyntheticContextTask.LabelCount,
            EmbeddingDim = 12,
            UtteranceHidden = 12,
            ConversationHidden = 12,
            Dropout = 0,
            UseCrf = crf,
            UseConversationLstm = conversationLstm,
        });
        using var batch = BatchBuilder.Build(data);
        var optimizer = torch.optim.Adam(model.parameters(), lr: 0.02);
        model.train();
        for (int step = 0; step < Steps; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            optimizer.zero_grad();
            model.Loss(batch).backward();
            optimizer.step();
        }
        model.eval();
        return (Accuracy(model, data), Accuracy(model, probe));
    }

    private static double Accuracy(HierarchicalTagger model, EncodedConversation[] data)
    {
        using var batch = BatchBuilder.Build(data);
        var tagged = model.Tag(batch, withMarginals: false);
        int correct = 0, total = 0;
        for (int c = 0; c < data.Length; c++)
            for (int t = 0; t < data[c].Length; t++, total++)
                if (tagged.Paths[c][t] == data[c].Labels![t]) correct++;
        return (double)correct / total;
    }

    /// <summary>
    /// The full model fits the synthetic task perfectly. On probe conversations with runs far longer
    /// than training shows, it generalises better than the model without the CRF (whose softmax must
    /// count inside the LSTM) and the model without the conversation LSTM (which cannot see the
    /// previous utterance's colour word). Measured here: full 100% / 75.8%, no CRF 100% / 68.5%,
    /// no conversation LSTM 92.2% / 39.2% (train / probe).
    /// </summary>
    [Fact]
    public void FullModelOverfitsAndEachAblationDoesMeasurablyWorse()
    {
        var data = SyntheticContextTask.Generate(conversations: 40, seed: 5);
        var probe = SyntheticContextTask.GenerateLongRuns(conversations: 20, seed: 6);
        var full = TrainAndScore(crf: true, conversationLstm: true, data, probe);
        var noCrf = TrainAndScore(crf: false, conversationLstm: true, data, probe);
        var noConversationLstm = TrainAndScore(crf: true, conversationLstm: false, data, probe);
        var line = $"after {Steps} Adam steps (train / long-run probe): full {full}, no CRF {noCrf}, no conversation LSTM {noConversationLstm}";
        _output.WriteLine(line);
        Assert.Equal(1.0, full.Train);
        Assert.True(noCrf.Probe <= full.Probe - 0.03, line);
        Assert.True(noConversationLstm.Probe <= full.Probe - 0.03, line);
    }
}
