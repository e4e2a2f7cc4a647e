using DialogueActs.Configuration;
using DialogueActs.Pretrained;
using DialogueActs.Text;

namespace DialogueActs.Training;

/// <summary>
/// Joins the sentence encoder a caller gives to a config that names one (<c>model.sentenceEncoder</c>): checks
/// that it is the one named, records its exact id and size in the model options, and puts the on-disk cache
/// (<see cref="CachedSentenceEncoder"/>, in <c>training.sentenceCache</c>) in front of it.
/// </summary>
internal static class SentenceEncoderSetup
{
    /// <summary>
    /// The config to train with, and the cached encoder (null when the config names none). The config's
    /// <c>model.sentenceEncoder</c> becomes the encoder's <see cref="ISentenceEncoder.Id"/> and <c>model.sentenceDim</c> its size.
    /// </summary>
    /// <exception cref="DialogueActsException">The config names an encoder but none was given, or another one was.</exception>
    public static (ExperimentConfig Config, CachedSentenceEncoder? Encoder) Apply(ExperimentConfig config, ISentenceEncoder? encoder)
    {
        if (config.Model.SentenceEncoder is not { } name) return (config, null);
        if (encoder is null)
            throw new DialogueActsException($"config $.model.sentenceEncoder: '{name}' needs its encoder, and none was given (the dialogue-acts tool knows all-MiniLM-L6-v2)");
        if (!SentenceEncoderNames.Names(name, encoder.Id))
            throw new DialogueActsException($"config $.model.sentenceEncoder: '{name}', but the encoder given is '{encoder.Id}'");
        string folder = config.Training.SentenceCache ?? TrainingOptions.DefaultSentenceCache;
        var cached = new CachedSentenceEncoder(encoder, folder);
        var model = config.Model with { SentenceEncoder = encoder.Id, SentenceDim = encoder.Dimension };
        return (config with { Model = model }, cached);
    }
}
