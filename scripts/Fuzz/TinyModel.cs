using DialogueActs.Training.Configuration;
using DialogueActs.Training;

namespace DialogueActs.Fuzz;

/// <summary>
/// Trains the fuzzer's tiny model (embedding 8, hidden 8/8, speaker flags, 2 epochs on 20 generated
/// conversations; a few seconds) into a work directory: the seed of the model.zip target and the
/// model the HTTP target serves.
/// </summary>
public static class TinyModel
{
    /// <summary>Trains the model into <paramref name="directory"/> and returns the path of its model.zip.</summary>
    public static string Train(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "train.csv"), SeedCorpus.Csv(20, 11));
        File.WriteAllBytes(Path.Combine(directory, "valid.csv"), SeedCorpus.Csv(4, 12));
        string configPath = Path.Combine(directory, "config.json");
        File.WriteAllBytes(configPath, SeedCorpus.ConfigJson(epochs: 2));
        string outDir = Path.Combine(directory, "run");
        new Trainer(ExperimentConfig.Load(configPath), outDir, new SilentObserver()).Run(resume: false);
        return Path.Combine(outDir, Trainer.ModelFileName);
    }

    private sealed class SilentObserver : ITrainingObserver
    {
        public void Log(string message) { }
        public void EpochStarted(int epoch, int maxEpochs, int batches, int utterances) { }
        public void BatchCompleted(int epoch, int batch, int batches, int utterancesSoFar, double meanLoss) { }
        public void Validating(int epoch) { }
        public void EpochCompleted(EpochMetrics metrics) { }
    }
}
