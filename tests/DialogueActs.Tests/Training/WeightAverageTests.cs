using DialogueActs.Modeling;
using DialogueActs.Tests.Modeling;
using DialogueActs.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Training;

public sealed class WeightAverageTests
{
    [Fact]
    public void TheAverageFollowsTheWarmedUpDecayAndApplyRestoresTheRawWeights()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var model = new HierarchicalTagger(ModelFixtures.SmallOptions());
        var parameter = model.parameters().First();
        var start = parameter.detach().clone();
        using var average = new WeightAverage(model, decay: 0.99);

        using (torch.no_grad()) parameter.add_(1.0f);
        average.Update();                                   // decay min(0.99, 2/11)
        using (torch.no_grad()) parameter.add_(1.0f);
        average.Update();                                   // decay min(0.99, 3/12)
        double d1 = 2.0 / 11, d2 = 3.0 / 12;
        var expected = ((start * d1 + (start + 1) * (1 - d1)) * d2 + (start + 2) * (1 - d2));
        var raw = parameter.detach().clone();

        using (average.Apply())
        {
            Assert.True(parameter.detach().allclose(expected, rtol: 0, atol: 1e-5));
        }
        Assert.True(parameter.detach().eq(raw).all().item<bool>(), "the raw weights are back after Apply");
        Assert.Equal(2, average.Updates);
    }

    [Fact]
    public void SaveAndLoadRoundTripTheAverage()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(4);
        var model = new HierarchicalTagger(ModelFixtures.SmallOptions());
        using var average = new WeightAverage(model, decay: 0.5);
        using (torch.no_grad()) foreach (var p in model.parameters()) p.mul_(2);
        average.Update();
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) average.Save(writer);

        torch.manual_seed(5);
        var other = new HierarchicalTagger(ModelFixtures.SmallOptions());
        using var loaded = new WeightAverage(other, decay: 0.5);
        stream.Position = 0;
        using (var reader = new BinaryReader(stream)) loaded.Load(reader);
        Assert.Equal(1, loaded.Updates);
        using (average.Apply())
        using (loaded.Apply())
        {
            foreach (var (a, b) in model.parameters().Zip(other.parameters()))
                Assert.True(a.detach().eq(b.detach()).all().item<bool>());
        }
    }

    [Fact]
    public void AsACallbackItUpdatesAfterEveryBatchAndBecomesTheEvaluationWeights()
    {
        using var harness = new CallbackHarness();
        using var average = new WeightAverage(harness.Model, decay: 0.9);
        Assert.Null(harness.Context.UseEvaluationWeights());
        average.OnStart(harness.Context);
        var parameter = harness.Model.parameters().First();
        var start = parameter.detach().clone();

        using (torch.no_grad()) parameter.add_(1.0f);
        average.OnBatch(harness.Context, new BatchEnd(1, 1, 2, 0));
        Assert.Equal(1, average.Updates);
        using (harness.Context.UseEvaluationWeights())
        {
            double decay = 2.0 / 11;
            Assert.True(parameter.detach().allclose(start + (1 - decay), rtol: 0, atol: 1e-5));
        }
        Assert.True(parameter.detach().allclose(start + 1, rtol: 0, atol: 1e-6), "the raw weights are back");
    }
}
