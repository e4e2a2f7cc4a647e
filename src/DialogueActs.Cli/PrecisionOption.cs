using System.CommandLine;
using DialogueActs.Inference;

namespace DialogueActs.Cli;

/// <summary><c>--precision</c> of <c>evaluate</c>, <c>predict</c> and <c>serve</c>: the element type of the utterance LSTMs.</summary>
internal static class PrecisionOption
{
    /// <summary>A new <c>--precision</c> option (default <see cref="InferencePrecision.Auto"/>).</summary>
    public static Option<InferencePrecision> Create() => new("--precision")
    {
        Description = "Element type of the utterance LSTMs: Auto (bfloat16 where the CPU computes it natively, float32 elsewhere), Float32 or BFloat16.",
        DefaultValueFactory = _ => InferencePrecision.Auto,
    };
}
