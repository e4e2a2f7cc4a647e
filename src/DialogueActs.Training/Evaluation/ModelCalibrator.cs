using DialogueActs.Data;
using DialogueActs.Inference;

namespace DialogueActs.Training.Evaluation;

/// <summary>
/// Fits the temperature of a model's confidences (<see cref="TemperatureScaling"/>) on labelled conversations it did not
/// train on, and writes the model with it: what training does after its last epoch (on the valid split) and what
/// <c>dialogue-acts calibrate</c> does for an existing model. The labels never change.
/// </summary>
public static class ModelCalibrator
{
    /// <summary>
    /// Reads the model at <paramref name="modelPath"/>, fits its temperature on <paramref name="conversations"/> (scored once,
    /// in float32) and writes it, with that temperature and everything else unchanged, to <paramref name="outPath"/>
    /// (atomically; it may be <paramref name="modelPath"/>).
    /// </summary>
    /// <param name="modelPath">The model.</param>
    /// <param name="conversations">Labelled conversations the model did not train on (the valid split).</param>
    /// <param name="source">Names the conversations in errors (their file).</param>
    /// <param name="outPath">Where to write the calibrated model.</param>
    /// <param name="options">Tagging options for the model's features' resources (a sentence encoder, say); the precision is float32 whatever they say.</param>
    /// <returns>
    /// The calibration measured on <paramref name="conversations"/>, with the temperature fitted and the 2-fold
    /// cross-fitted estimate; null, and nothing written, when no utterance has a gold label the model knows.
    /// </returns>
    /// <exception cref="DialogueActsException">The model or the conversations are invalid, or the model cannot be written.</exception>
    public static CalibrationReport? Calibrate(string modelPath, IReadOnlyList<Conversation> conversations, string source, string outPath, TaggerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        var archive = ModelArchive.Read(modelPath);
        try
        {
            CalibrationData data;
            using (var tagger = new DialogueActTagger(archive.Model, archive.Encoder, archive.Labels, archive.Metadata,
                       (options ?? new TaggerOptions()) with { Precision = InferencePrecision.Float32 }, ownsModel: false))
                data = CalibrationData.Compute(tagger, conversations, source);
            if (data.KnownGoldCount == 0) return null;
            double temperature = TemperatureScaling.Fit(data);
            ModelArchive.Write(outPath, archive with { Temperature = temperature });
            return CalibrationReport.Compute(data, temperature);
        }
        finally
        {
            archive.Model.Dispose();
        }
    }
}
