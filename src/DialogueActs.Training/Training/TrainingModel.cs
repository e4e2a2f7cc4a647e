using DialogueActs.Training.Configuration;
using DialogueActs.Modeling;
using DialogueActs.Training.Pretrained;
using TorchSharp;
using TorchSharp.Modules;

namespace DialogueActs.Training;

/// <summary>The model a run trains and its optimiser, built from the config and the prepared data.</summary>
internal static class TrainingModel
{
    /// <summary>
    /// A seeded model sized for the data's vocabulary and labels, its word embedding initialised from
    /// <c>tokenizer.glove</c> when the config names a file.
    /// </summary>
    /// <exception cref="DialogueActsException">The model cannot fit in this machine's memory, or the GloVe file is invalid.</exception>
    /// <param name="config">The config.</param>
    /// <param name="data">The prepared data, with the model's features.</param>
    /// <param name="observer">Receives log lines.</param>
    public static HierarchicalTagger Create(ExperimentConfig config, TrainingData data, ITrainingObserver observer)
    {
        var options = config.Model;
        var dimensions = data.Dimensions;
        CheckMemory(options, dimensions, data.Features);
        torch.manual_seed(config.Training.Seed);
        var model = new HierarchicalTagger(options, dimensions, data.Features);
        try
        {
            if (config.Tokenizer.Glove is string glovePath && model.UtteranceEncoder.FeatureModule(WordEmbeddingFeature.FeatureName) is { } embedding)
                observer.Log(PretrainedEmbeddingInitializer.Initialize(WordEmbeddingFeature.Weight(embedding), data.Encoder.Vocabulary, glovePath));
        }
        catch
        {
            model.Dispose();
            throw;
        }
        observer.Log($"model: {ModelSummary.Total(options, dimensions, data.Features):N0} parameters; libtorch threads: {TorchSharp.torch.get_num_threads()}");
        foreach (var (key, hidden) in new[] { ("utteranceHidden", options.UtteranceHidden), ("conversationHidden", options.ConversationHidden) })
            if (LstmKernelDefect.Affects(hidden))                                                         // a config built in code skips validation
                observer.Log($"warning: model.{key}: {LstmKernelDefect.Refusal(hidden)}");
        return model;
    }

    /// <summary>
    /// The optimiser that <c>training.optimizer</c> names, with the configured learning rate and weight decay. The
    /// parameters of features that fine-tune pretrained weights (<see cref="ModelFeature.FineTunesPretrainedWeights"/>)
    /// form a second parameter group, at <c>training.encoderLearningRate</c> (<see cref="TrainingContext.SetLearningRate"/>
    /// and <see cref="TrainingContext.WarmUp"/> set it).
    /// </summary>
    public static OptimizerHelper CreateOptimizer(HierarchicalTagger model, TrainingOptions training)
    {
        var prefixes = model.Features.All.Where(f => f.FineTunesPretrainedWeights && f.ModuleName is not null).Select(f => f.ModuleName + ".").ToArray();
        var all = model.named_parameters().ToArray();
        var pretrained = all.Where(p => prefixes.Any(prefix => p.name.StartsWith(prefix, StringComparison.Ordinal))).Select(p => p.parameter).ToArray();
        var others = all.Select(p => p.parameter).Except(pretrained).ToArray();
        double encoderRate = training.EncoderWarmupSteps > 0 ? 0 : training.EncoderLearningRate;
        if (pretrained.Length == 0)
            return training.Optimizer switch
            {
                TrainingOptions.AdamW => torch.optim.AdamW(model.parameters(), lr: training.LearningRate, weight_decay: training.WeightDecay),
                TrainingOptions.Sgd => torch.optim.SGD(model.parameters(), training.LearningRate, momentum: 0.9, weight_decay: training.WeightDecay),
                _ => torch.optim.Adam(model.parameters(), lr: training.LearningRate, weight_decay: training.WeightDecay),
            };
        return training.Optimizer switch
        {
            TrainingOptions.AdamW => torch.optim.AdamW([new AdamW.ParamGroup(others, lr: training.LearningRate), new AdamW.ParamGroup(pretrained, lr: encoderRate)],
                lr: training.LearningRate, weight_decay: training.WeightDecay),
            TrainingOptions.Sgd => torch.optim.SGD([new SGD.ParamGroup(others, lr: training.LearningRate), new SGD.ParamGroup(pretrained, lr: encoderRate)],
                training.LearningRate, momentum: 0.9, weight_decay: training.WeightDecay),
            _ => torch.optim.Adam([new Adam.ParamGroup(others, lr: training.LearningRate), new Adam.ParamGroup(pretrained, lr: encoderRate)],
                lr: training.LearningRate, weight_decay: training.WeightDecay),
        };
    }

    /// <summary>
    /// Refuses a model whose training state (weights, gradients and two optimiser moments, 4 bytes
    /// each) cannot fit in this machine's memory, before libtorch tries to allocate it.
    /// </summary>
    private static void CheckMemory(ModelOptions options, ModelDimensions dimensions, FeatureSet features)
    {
        long parameters = ModelSummary.Total(options, dimensions, features);
        double needed = 4.0 * sizeof(float) * parameters;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (needed > available)
            throw new DialogueActsException($"config $.model: {parameters:N0} parameters need about {needed / (1 << 30):N1} GiB to train, " +
                                            $"more than the {available / (double)(1 << 30):N1} GiB of this machine (vocabulary {dimensions.VocabularySize:N0}, embeddingDim {options.EmbeddingDim})");
    }
}
