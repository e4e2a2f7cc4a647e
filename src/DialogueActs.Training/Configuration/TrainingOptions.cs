namespace DialogueActs.Training.Configuration;

/// <summary>How to train: the <c>training</c> section of the experiment config.</summary>
public sealed record TrainingOptions
{
    /// <summary>The Adam <see cref="Optimizer"/>.</summary>
    public const string Adam = "adam";

    /// <summary>The AdamW <see cref="Optimizer"/> (decoupled weight decay).</summary>
    public const string AdamW = "adamw";

    /// <summary>The plain SGD <see cref="Optimizer"/>.</summary>
    public const string Sgd = "sgd";

    /// <summary>Random seed for initialisation, shuffling and dropout.</summary>
    public int Seed { get; init; } = 13;

    /// <summary>Maximum number of epochs (at least 1).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Epochs without validation improvement before stopping early; 0: no early stopping.</summary>
    public int Patience { get; init; } = 3;

    /// <summary>Conversations (or chunks) per batch (at least 1).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Utterances per training chunk; longer conversations are split (at least 1).</summary>
    public int ChunkLength { get; init; } = 128;

    /// <summary>Optimizer: <c>"adam"</c> (default), <c>"adamw"</c> or <c>"sgd"</c>.</summary>
    public string Optimizer { get; init; } = Adam;

    /// <summary>Learning rate (greater than 0).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// Factor in (0, 1] that multiplies the learning rate after every epoch without a validation gain
    /// (a plateau schedule); 1 keeps the learning rate constant.
    /// </summary>
    public double LearningRateDecay { get; init; } = 1.0;

    /// <summary>
    /// Learning rate (greater than 0) of the pretrained layers a model fine-tunes (<c>model.transformer.trainLayers</c>),
    /// which move slowly from their pretrained weights; decays with <see cref="LearningRate"/>.
    /// </summary>
    public double EncoderLearningRate { get; init; } = 5e-5;

    /// <summary>Steps (at least 0) over which the fine-tuned layers' learning rate rises linearly from 0 to <see cref="EncoderLearningRate"/>.</summary>
    public int EncoderWarmupSteps { get; init; } = 200;

    /// <summary>Weight decay (at least 0).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Maximum gradient norm (greater than 0), or null for no clipping.</summary>
    public double? GradientClip { get; init; } = 5.0;

    /// <summary>
    /// libtorch intra-op threads for training (at least 1). <c>dialogue-acts train</c> applies it with
    /// <c>torch.set_num_threads</c> before training; <see cref="Training.Trainer"/> does not, since the setting is
    /// process-wide: a program that trains through the library sets it itself.
    /// </summary>
    public int Threads { get; init; } = 2;

    /// <summary>Wall-clock budget in minutes (greater than 0), or null for unlimited.</summary>
    public double? MaxMinutes { get; init; }

    /// <summary>
    /// Folder of the on-disk cache of sentence-encoder vectors (<c>model.sentenceEncoder</c>), keyed by text and
    /// encoder, so later runs skip the encoder; relative paths are inside the data directory. Null (the default):
    /// <see cref="DefaultSentenceCache"/>.
    /// </summary>
    public string? SentenceCache { get; init; }

    /// <summary>The cache folder when <see cref="SentenceCache"/> is null: <c>dialogue-acts/sentence-vectors</c> in the user's local application data (<c>~/.local/share</c> on Linux).</summary>
    public static string DefaultSentenceCache =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "dialogue-acts", "sentence-vectors");
}
