using System.Text.Json;
using DialogueActs.Training;

namespace DialogueActs.Tests.Training;

public sealed class MetricsLogTests
{
    private static int[] Epochs(string path) =>
        File.ReadAllLines(path).Select(l => JsonSerializer.Deserialize<EpochMetrics>(l)!.Epoch).ToArray();

    private static void WriteEpochs(string path, int count) =>
        File.WriteAllText(path, string.Concat(Enumerable.Range(1, count).Select(e => JsonSerializer.Serialize(new EpochMetrics { Epoch = e, Loss = 10 - e }) + "\n")));

    [Fact]
    public void ANewRunStartsAnEmptyFileAndEachEpochRewritesItWhole()
    {
        using var harness = new CallbackHarness();
        string path = harness.PathOf("metrics.jsonl");
        WriteEpochs(path, 3);                                                                               // an older run's log
        var log = new MetricsLog(path);

        log.OnStart(harness.Context);
        Assert.Equal("", File.ReadAllText(path));
        harness.EndEpoch(log, 1);
        harness.EndEpoch(log, 2);
        Assert.Equal(new[] { 1, 2 }, Epochs(path));
        Assert.All(File.ReadAllLines(path), l => Assert.StartsWith("{\"epoch\":", l));                      // one compact JSON object per line
    }

    [Fact]
    public void AResumedRunKeepsEpochsOneToEAndDropsLaterLines()
    {
        using var harness = new CallbackHarness();
        string path = harness.PathOf("metrics.jsonl");
        WriteEpochs(path, 4);                                                                               // epoch 4 ran after the last checkpoint
        string firstTwo = string.Concat(File.ReadAllLines(path).Take(2).Select(l => l + "\n"));
        harness.Context.State = harness.Context.State with { EpochsCompleted = 2 };
        var log = new MetricsLog(path);

        log.OnStart(harness.Context);
        Assert.Equal(firstTwo, File.ReadAllText(path));
        harness.EndEpoch(log, 3);
        Assert.Equal(new[] { 1, 2, 3 }, Epochs(path));
        Assert.StartsWith(firstTwo, File.ReadAllText(path));
    }
}
