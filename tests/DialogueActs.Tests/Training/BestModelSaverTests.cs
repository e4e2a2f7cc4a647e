using DialogueActs.Inference;
using DialogueActs.Training;
using TorchSharp;

namespace DialogueActs.Tests.Training;

public sealed class BestModelSaverTests
{
    private static float[] Flat(IEnumerable<torch.Tensor> tensors) => tensors.SelectMany(t => t.detach().contiguous().data<float>().ToArray()).ToArray();

    private static EpochEnd Epoch(int epoch, bool best, double accuracy) => new(new EpochMetrics { Epoch = epoch, Best = best, ValidAccuracy = accuracy, ValidMacroF1 = accuracy / 2 });

    [Fact]
    public void OnlyAnImprovedEpochIsSavedWithItsMetadataAndTheTrainingSettings()
    {
        using var harness = new CallbackHarness();
        string path = harness.PathOf("model.zip");
        var saver = new BestModelSaver(path);

        saver.OnEpoch(harness.Context, Epoch(1, best: false, accuracy: 0.5));
        Assert.False(File.Exists(path));
        saver.OnEpoch(harness.Context, Epoch(2, best: true, accuracy: 0.75));
        var archive = ModelArchive.Read(path);
        using (archive.Model)
        {
            Assert.Equal(2, archive.Metadata.Epoch);
            Assert.Equal(0.75, archive.Metadata.ValidAccuracy);
            Assert.Equal(0.375, archive.Metadata.ValidMacroF1);
            Assert.Equal("corpus", archive.Metadata.CorpusSha256);
            Assert.Equal(harness.Context.Config.ToTrainingSettingsJson(), archive.TrainingSettings);
            Assert.Equal(Flat(harness.Model.parameters()), Flat(archive.Model.parameters()));
        }
        saver.OnEpoch(harness.Context, Epoch(3, best: false, accuracy: 0.7));
        var unchanged = ModelArchive.Read(path);
        using (unchanged.Model) Assert.Equal(2, unchanged.Metadata.Epoch);
    }
}
