using DialogueActs.Text;
using DialogueActs.Modeling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Training;

/// <summary>
/// One optimiser step on one batch: build tensors, loss, backward, check, clip, step. Shared by the
/// trainer and the speed benchmark. A non-finite loss or gradient throws <see cref="NonFiniteTrainingException"/>
/// before the optimiser touches the weights.
/// </summary>
internal sealed class TrainingStep
{
    private readonly HierarchicalTagger _model;
    private readonly OptimizerHelper _optimizer;
    private readonly double? _gradientClip;
    private readonly Parameter[] _parameters;
    private readonly Action<HierarchicalTagger>? _afterBackward;

    /// <param name="model">The model to train.</param>
    /// <param name="optimizer">The model's optimiser.</param>
    /// <param name="gradientClip">Maximum gradient norm, or null for no clipping.</param>
    /// <param name="afterBackward">Fault injection for tests: runs between backward and the checks.</param>
    public TrainingStep(HierarchicalTagger model, OptimizerHelper optimizer, double? gradientClip, Action<HierarchicalTagger>? afterBackward = null)
    {
        _model = model;
        _optimizer = optimizer;
        _gradientClip = gradientClip;
        _afterBackward = afterBackward;
        _parameters = model.parameters().ToArray();
    }

    /// <summary>Runs the step and returns the summed loss (NLL) and the number of utterances.</summary>
    /// <exception cref="NonFiniteTrainingException">The loss or a gradient is NaN or infinite; the weights are unchanged.</exception>
    public (double LossSum, int Utterances) Run(IReadOnlyList<EncodedConversation> members)
    {
        using var scope = torch.NewDisposeScope();
        using var data = BatchBuilder.Build(members, _model.Features);
        ClearGradients();
        var loss = _model.Loss(data);                                                                  // []
        float lossValue = loss.item<float>();
        if (!float.IsFinite(lossValue)) throw new NonFiniteTrainingException("loss", lossValue);
        loss.backward();
        ZeroMissingGradients();
        _afterBackward?.Invoke(_model);
        // Clipping computes the norm anyway (it scales the gradients, but the step below is skipped when it is not finite).
        double gradientNorm = _gradientClip is double clip ? nn.utils.clip_grad_norm_(_parameters, clip) : GradientNorm();
        if (!double.IsFinite(gradientNorm)) throw new NonFiniteTrainingException("gradient norm", gradientNorm);
        _optimizer.step();
        return (lossValue * data.UtteranceCount, data.UtteranceCount);
    }

    /// <summary>
    /// Drops the previous step's gradients (libtorch's <c>set_to_none</c>) instead of zero-filling them as TorchSharp's
    /// <c>zero_grad</c> does: backward then stores each new gradient as it is instead of adding it to zeros (the same
    /// values, without a fill and an add over every parameter). <see cref="ZeroMissingGradients"/> then restores zeros
    /// where backward left none, so the optimiser steps exactly as after a zero-fill.
    /// </summary>
    private void ClearGradients()
    {
        foreach (var parameter in _parameters) parameter.grad = null;
    }

    /// <summary>A zero gradient for each trainable parameter that backward did not reach (as a zero-fill would have left).</summary>
    private void ZeroMissingGradients()
    {
        foreach (var parameter in _parameters)
            if (parameter.requires_grad && parameter.grad is null) parameter.grad = torch.zeros_like(parameter);
    }

    /// <summary>The L2 norm over every parameter's gradient (NaN or infinite when any element is).</summary>
    private double GradientNorm()
    {
        using var scope = torch.NewDisposeScope();
        var squares = _parameters.Where(p => p.grad is not null)
            .Select(p => p.grad!.square().sum())                                                        // []
            .ToArray();
        if (squares.Length == 0) return 0;
        return Math.Sqrt(torch.stack(squares).sum().item<float>());
    }
}
