using DialogueActs.Modeling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Training;

/// <summary>One optimiser step on one batch: build tensors, loss, backward, clip, step. Shared by the trainer and the speed benchmark.</summary>
internal sealed class TrainingStep
{
    private readonly HierarchicalTagger _model;
    private readonly OptimizerHelper _optimizer;
    private readonly double? _gradientClip;
    private readonly Parameter[] _parameters;
    private readonly WeightAverage? _average;

    public TrainingStep(HierarchicalTagger model, OptimizerHelper optimizer, double? gradientClip, WeightAverage? average = null)
    {
        _average = average;
        _model = model;
        _optimizer = optimizer;
        _gradientClip = gradientClip;
        _parameters = model.parameters().ToArray();
    }

    /// <summary>Runs the step and returns the summed loss (NLL) and the number of utterances.</summary>
    public (double LossSum, int Utterances) Run(IReadOnlyList<EncodedConversation> members)
    {
        using var scope = torch.NewDisposeScope();
        using var data = BatchBuilder.Build(members, _model.Options.SpeakerWindow);
        _optimizer.zero_grad();
        var loss = _model.Loss(data);                                                                  // []
        loss.backward();
        if (_gradientClip is double clip) nn.utils.clip_grad_norm_(_parameters, clip);
        _optimizer.step();
        _average?.Update();
        return (loss.item<float>() * data.UtteranceCount, data.UtteranceCount);
    }
}
