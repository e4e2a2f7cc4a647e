using DialogueActs.Modeling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Training;

/// <summary>
/// An exponential moving average of a model's parameters (Polyak averaging), updated after every
/// optimiser step. Validation, early stopping and the saved model use the averaged weights; training
/// continues on the raw ones. The effective decay starts low, <c>min(decay, (1+n)/(10+n))</c> after n
/// updates, so early averages are not dominated by the random initialisation. As a training callback
/// it updates after every batch and offers the average as the run's evaluation weights; the checkpoint
/// keeps it in <c>average.bin</c>.
/// </summary>
internal sealed class WeightAverage : ITrainingCallback, ICheckpointPart, IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _average;
    private readonly double _decay;

    /// <summary>Starts the average at the model's current weights.</summary>
    /// <param name="model">The model being trained.</param>
    /// <param name="decay">Decay per step, in (0, 1).</param>
    public WeightAverage(HierarchicalTagger model, double decay)
    {
        _decay = decay;
        _parameters = model.parameters().ToArray();
        using var noGrad = torch.no_grad();
        _average = _parameters.Select(p => p.detach().clone()).ToArray();
    }

    /// <summary>Optimiser steps averaged so far.</summary>
    public long Updates { get; private set; }

    /// <inheritdoc />
    public string EntryName => "average.bin";

    /// <summary>Makes validation and the saved model use the average.</summary>
    public void OnStart(TrainingContext context) => context.EvaluationWeights = Apply;

    /// <summary>Moves the average after the batch's optimiser step.</summary>
    public void OnBatch(TrainingContext context, BatchEnd batch) => Update();

    /// <summary>Moves the average towards the current weights; call after each optimiser step.</summary>
    public void Update()
    {
        Updates++;
        double decay = Math.Min(_decay, (1.0 + Updates) / (10.0 + Updates));
        using var noGrad = torch.no_grad();
        for (int i = 0; i < _parameters.Length; i++)
            _average[i].mul_(decay).add_(_parameters[i], alpha: 1 - decay);
    }

    /// <summary>Puts the averaged weights into the model until the result is disposed, which puts the raw weights back.</summary>
    public IDisposable Apply()
    {
        using var noGrad = torch.no_grad();
        var raw = _parameters.Select(p => p.detach().clone()).ToArray();
        for (int i = 0; i < _parameters.Length; i++) _parameters[i].copy_(_average[i]);
        return new Restore(_parameters, raw);
    }

    /// <summary>Writes the update count and the averaged tensors.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(Updates);
        writer.Write(_average.Length);
        foreach (var tensor in _average) tensor.Save(writer);
    }

    /// <summary>Reads what <see cref="Save"/> wrote, for a model of the same shape.</summary>
    /// <exception cref="InvalidDataException">The data was written for another model.</exception>
    public void Load(BinaryReader reader)
    {
        long updates = reader.ReadInt64();
        int count = reader.ReadInt32();
        if (count != _average.Length) throw new InvalidDataException($"the weight average has {count} tensors, the model {_average.Length}");
        using var noGrad = torch.no_grad();
        foreach (var tensor in _average) tensor.Load(reader);
        Updates = updates;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in _average) tensor.Dispose();
    }

    private sealed class Restore(Parameter[] parameters, Tensor[] raw) : IDisposable
    {
        public void Dispose()
        {
            using var noGrad = torch.no_grad();
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i].copy_(raw[i]);
                raw[i].Dispose();
            }
        }
    }
}
