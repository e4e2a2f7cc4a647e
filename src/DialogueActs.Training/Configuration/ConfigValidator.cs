using DialogueActs.Modeling.Transformers;
using System.Globalization;
using DialogueActs.Data;
using DialogueActs.Modeling;
using DialogueActs.Text;

namespace DialogueActs.Training.Configuration;

/// <summary>Range and presence checks of a deserialized <see cref="ExperimentConfig"/>; errors name the JSON path.</summary>
internal sealed class ConfigValidator
{
    private readonly ConfigDocument _document;

    private ConfigValidator(ConfigDocument document) => _document = document;

    /// <summary>Throws a <see cref="DialogueActsException"/> for the first invalid value of <paramref name="config"/>.</summary>
    public static void Validate(ExperimentConfig config, ConfigDocument document)
    {
        var validator = new ConfigValidator(document);
        if (config.Data is null)
        {
            throw document.Error("$.data", "required key is missing");
        }
        validator.Check(config.Data);
        validator.Check(config.Tokenizer);
        validator.Check(config.Model);
        validator.Check(config.Training);
    }

    private void Check(DataOptions data)
    {
        if (data.Train is null)
        {
            throw _document.Error("$.data.train", "required key is missing");
        }
        FilePath("$.data.directory", data.Directory);
        FilePath("$.data.train", data.Train);
        FilePath("$.data.valid", data.Valid);
        FilePath("$.data.test", data.Test);
        FilePath("$.data.glossary", data.Glossary);
        OneOf("$.data.format", data.Format, DataOptions.AutoFormat, DataOptions.CsvFormat, DataOptions.JsonlFormat);
        ColumnMapping columns = data.Columns;
        NotEmpty("$.data.columns.conversation", columns.Conversation);
        NotEmpty("$.data.columns.order", columns.Order);
        NotEmpty("$.data.columns.speaker", columns.Speaker);
        NotEmpty("$.data.columns.text", columns.Text);
        NotEmpty("$.data.columns.label", columns.Label);
    }

    private void Check(TokenizerOptions tokenizer)
    {
        OneOf("$.tokenizer.kind", tokenizer.Kind, TokenizerOptions.WordKind, TokenizerOptions.Cl100kKind);
        AtLeast("$.tokenizer.maxTokens", tokenizer.MaxTokens, 1);
        AtLeast("$.tokenizer.minCount", tokenizer.MinCount, 1);
        AtLeast("$.tokenizer.maxVocabulary", tokenizer.MaxVocabulary, Vocabulary.ReservedCount + 1);
        FilePath("$.tokenizer.glove", tokenizer.Glove);
    }

    private void Check(ModelOptions model)
    {
        NotEmpty("$.model.sentenceEncoder", model.SentenceEncoder);
        foreach (var size in model.Sizes())
        {
            LayerSize("$.model." + size.Key, size.Value, size.Minimum);
        }
        LstmHidden("$.model.utteranceHidden", model.UtteranceHidden);
        LstmHidden("$.model.conversationHidden", model.ConversationHidden);
        if (model.ConversationDirection == ConversationDirection.Forward && !model.UseConversationLstm)
        {
            throw _document.Error("$.model.conversationDirection", "\"forward\" needs the conversation LSTM; remove it, or set useConversationLstm to true");
        }
        if (model.SpeakerTransitions && !model.UseCrf)
        {
            throw _document.Error("$.model.speakerTransitions", "needs the CRF; remove it, or set useCrf to true");
        }
        Probability("$.model.dropout", model.Dropout);
        if (model.Transformer is { } transformer) Check(transformer);
    }

    private void Check(TransformerOptions transformer)
    {
        NotEmpty("$.model.transformer.encoder", transformer.Encoder);
        if (transformer.Encoder is null) throw _document.Error("$.model.transformer.encoder", "must name an encoder, e.g. \"all-MiniLM-L6-v2\"");
        if (transformer.TokenStates is null && transformer.TrainLayers is null)
            throw _document.Error("$.model.transformer", "uses the encoder nowhere: set tokenStates, trainLayers or both");
        if (transformer.TokenStates is { } range)
        {
            AtLeast("$.model.transformer.tokenStates.from", range.From, 0);
            AtLeast("$.model.transformer.tokenStates.to", range.To, range.From);
        }
        if (transformer.TrainLayers is int layers) AtLeast("$.model.transformer.trainLayers", layers, 0);
        AtLeast("$.model.transformer.maxPieces", transformer.MaxPieces, 3);
        if (transformer.MaxPieces > TransformerOptions.MaxPiecesLimit)
            throw _document.Error("$.model.transformer.maxPieces", $"must be at most {TransformerOptions.MaxPiecesLimit}, got {transformer.MaxPieces}");
    }

    private void Check(TrainingOptions training)
    {
        AtLeast("$.training.epochs", training.Epochs, 1);
        AtLeast("$.training.patience", training.Patience, 0);
        AtLeast("$.training.batchSize", training.BatchSize, 1);
        AtLeast("$.training.chunkLength", training.ChunkLength, 1);
        OneOf("$.training.optimizer", training.Optimizer, TrainingOptions.Adam, TrainingOptions.AdamW, TrainingOptions.Sgd);
        Positive("$.training.learningRate", training.LearningRate);
        Positive("$.training.encoderLearningRate", training.EncoderLearningRate);
        AtLeast("$.training.encoderWarmupSteps", training.EncoderWarmupSteps, 0);
        if (!(training.LearningRateDecay > 0 && training.LearningRateDecay <= 1))
        {
            throw _document.Error("$.training.learningRateDecay", $"must be in (0, 1], got {Format(training.LearningRateDecay)}");
        }
        if (training.WeightDecay < 0)
        {
            throw _document.Error("$.training.weightDecay", $"must be at least 0, got {Format(training.WeightDecay)}");
        }
        if (training.GradientClip is double clip)
        {
            Positive("$.training.gradientClip", clip);
        }
        AtLeast("$.training.threads", training.Threads, 1);
        if (training.MaxMinutes is double minutes)
        {
            Positive("$.training.maxMinutes", minutes);
        }
        FilePath("$.training.sentenceCache", training.SentenceCache);
    }

    private void NotEmpty(string path, string? value)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            throw _document.Error(path, "must not be empty");
        }
    }

    /// <summary>A path: not empty, and without a NUL character (which .NET's path functions refuse with an ArgumentException).</summary>
    private void FilePath(string path, string? value)
    {
        NotEmpty(path, value);
        if (value is not null && value.Contains('\0'))
        {
            throw _document.Error(path, $"must not contain a NUL character (\\u0000), got \"{DialogueActsException.Excerpt(value)}\"");
        }
    }

    private void OneOf(string path, string value, params string[] allowed)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            throw _document.Error(path, $"must be one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}, got \"{DialogueActsException.Excerpt(value)}\"");
        }
    }

    private void LstmHidden(string path, int value)
    {
        if (LstmKernelDefect.Affects(value))
        {
            throw _document.Error(path, LstmKernelDefect.Refusal(value));
        }
    }

    private void LayerSize(string path, int value, int minimum)
    {
        AtLeast(path, value, minimum);
        if (value > ModelOptions.MaxLayerSize)
        {
            throw _document.Error(path, $"must be at most {ModelOptions.MaxLayerSize}, got {value}");
        }
    }

    private void AtLeast(string path, int value, int minimum)
    {
        if (value < minimum)
        {
            throw _document.Error(path, $"must be at least {minimum}, got {value}");
        }
    }

    private void Positive(string path, double value)
    {
        if (!(value > 0))
        {
            throw _document.Error(path, $"must be greater than 0, got {Format(value)}");
        }
    }

    private void Probability(string path, double value)
    {
        if (!(value >= 0 && value < 1))
        {
            throw _document.Error(path, $"must be in [0, 1), got {Format(value)}");
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
