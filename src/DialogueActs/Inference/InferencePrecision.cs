namespace DialogueActs.Inference;

/// <summary>The element type a tagger's utterance LSTMs compute in (<see cref="TaggerOptions.Precision"/>).</summary>
public enum InferencePrecision
{
    /// <summary>bfloat16 where the CPU computes it natively (<see cref="CpuFeatures.HasFastBFloat16"/>), float32 elsewhere. The default.</summary>
    Auto,

    /// <summary>float32: the precision the model was trained in.</summary>
    Float32,

    /// <summary>bfloat16 on any CPU (emulated, and slower than float32, where the CPU lacks it).</summary>
    BFloat16,
}
