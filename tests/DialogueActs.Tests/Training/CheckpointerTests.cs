using System.IO.Compression;
using DialogueActs.Training;
using TorchSharp;

namespace DialogueActs.Tests.Training;

public sealed class CheckpointerTests
{
    private static float[] Flat(IEnumerable<torch.Tensor> tensors) => tensors.SelectMany(t => t.detach().contiguous().data<float>().ToArray()).ToArray();

    [Fact]
    public void ACheckpointRoundTripsTheStateTheWeightsAndTheOptimiser()
    {
        using var source = new CallbackHarness(seed: 1);
        string path = source.PathOf("checkpoint.zip");
        using (torch.no_grad()) foreach (var p in source.Model.parameters()) p.mul_(2);
        source.Context.SetLearningRate(0.0125);
        source.Context.State = source.Context.State with { BestEpoch = 2, BestValidAccuracy = 0.75, EpochsWithoutImprovement = 1, LearningRate = 0.0125 };
        source.EndEpoch(new Checkpointer(path), epoch: 3, seconds: 42);

        using var target = new CallbackHarness(seed: 2);
        Assert.NotEqual(Flat(source.Model.parameters()), Flat(target.Model.parameters()));
        new Checkpointer(path).Resume(target.Context, resume: true);

        Assert.Equal(source.Context.State, target.Context.State);
        Assert.Equal(Flat(source.Model.parameters()), Flat(target.Model.parameters()));
        Assert.Equal(0.0125, target.LearningRate);                                                          // the optimiser's own state
        Assert.Contains("resuming after epoch 3 (best epoch 2)", target.Observer.Logs);
    }

    [Fact]
    public void ACheckpointOfAnotherConfigIsRefused()
    {
        using var harness = new CallbackHarness();
        string path = harness.PathOf("checkpoint.zip");
        harness.EndEpoch(new Checkpointer(path), epoch: 1);
        harness.Context.State = new TrainingState { ConfigSha256 = "other config", CorpusSha256 = "corpus" };
        var error = Assert.Throws<DialogueActsException>(() => new Checkpointer(path).Resume(harness.Context, resume: true));
        Assert.Equal($"{path}: cannot resume: the config or the training data changed since this run started", error.Message);
    }

    [Fact]
    public void ACheckpointWithoutItsWeightsIsRefusedWithAClearMessage()
    {
        using var harness = new CallbackHarness();
        string path = harness.PathOf("checkpoint.zip");
        harness.EndEpoch(new Checkpointer(path), epoch: 1);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update)) zip.GetEntry("weights.bin")!.Delete();
        var error = Assert.Throws<DialogueActsException>(() => new Checkpointer(path).Resume(harness.Context, resume: true));
        Assert.Equal($"{path}: the checkpoint has no 'weights.bin'; delete it to start over", error.Message);
    }

    [Fact]
    public void ANewRunDeletesAnOldCheckpointAndResumingWithoutOneStartsAnew()
    {
        using var harness = new CallbackHarness();
        string path = harness.PathOf("checkpoint.zip");
        harness.EndEpoch(new Checkpointer(path), epoch: 1);
        var started = harness.Context.State;
        using (var zip = ZipFile.OpenRead(path))
            Assert.Equal(new[] { "optimizer.bin", "state.json", "weights.bin" }, zip.Entries.Select(e => e.FullName).Order());

        new Checkpointer(path).Resume(harness.Context, resume: false);
        Assert.False(File.Exists(path));
        Assert.Equal(started, harness.Context.State);

        new Checkpointer(path).Resume(harness.Context, resume: true);
        Assert.Contains($"nothing to resume in {harness.Directory}; starting a new run", harness.Observer.Logs);
        Assert.Equal(started, harness.Context.State);
    }
}
