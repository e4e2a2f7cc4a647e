namespace DialogueActs.Training;

/// <summary>Receives training progress: the CLI renders it as a progress bar or as log lines.</summary>
public interface ITrainingObserver
{
    /// <summary>A message for the training log.</summary>
    void Log(string message);

    /// <summary>A feature's long preparation before the first epoch (a pretrained encoder over the corpus) got further.</summary>
    void Preparing(Modeling.FeatureProgress progress)
    {
    }

    /// <summary>An epoch starts.</summary>
    void EpochStarted(int epoch, int maxEpochs, int batches, int utterances);

    /// <summary>A batch finished.</summary>
    void BatchCompleted(int epoch, int batch, int batches, int utterancesSoFar, double meanLoss);

    /// <summary>The validation pass starts.</summary>
    void Validating(int epoch);

    /// <summary>An epoch finished, validation included.</summary>
    void EpochCompleted(EpochMetrics metrics);
}
