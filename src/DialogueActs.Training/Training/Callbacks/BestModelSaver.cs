using DialogueActs.Training.Configuration;
using DialogueActs.Inference;

namespace DialogueActs.Training;

/// <summary>
/// Writes <c>model.zip</c> atomically after every epoch that improved, with the weights, the vocabulary, the labels,
/// the corpus layout, the run's metadata and the training settings.
/// </summary>
/// <param name="path">The model file.</param>
internal sealed class BestModelSaver(string path) : ITrainingCallback
{
    /// <summary>Saves the model when the epoch improved.</summary>
    public void OnEpoch(TrainingContext context, EpochEnd epoch)
    {
        if (!epoch.Improved) return;
        var data = context.Data;
        ModelArchive.Write(path, context.Model, data.Encoder, data.Labels, new ModelMetadata
        {
            CreatedUtc = DateTimeOffset.UtcNow,
            ToolVersion = ModelArchive.ToolVersion,
            CorpusSha256 = context.State.CorpusSha256,
            Epoch = epoch.Metrics.Epoch,
            EpochsCompleted = epoch.Metrics.Epoch,
            ValidAccuracy = epoch.Metrics.ValidAccuracy,
            ValidMacroF1 = epoch.Metrics.ValidMacroF1,
            TrainConversations = data.Train.Count,
            TrainUtterances = data.TrainUtterances,
        }, new Data.CorpusInput(context.Config.Data.Columns, context.Config.Data.CorpusFormat()), context.Config.ToTrainingSettingsJson(), data.Glossary);
    }
}
