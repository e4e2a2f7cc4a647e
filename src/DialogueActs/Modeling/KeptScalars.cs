using TorchSharp;

namespace DialogueActs.Modeling;

/// <summary>
/// Scalars that live as long as the process, for tensor arithmetic in hot paths. TorchSharp makes a temporary native
/// scalar for every <c>a + b</c> (its <c>alpha</c> of 1) and every <c>tensor * 2.0</c>; nothing keeps that object
/// alive during the native call, so a garbage collection can finalise it while libtorch still reads it (seen as
/// "Expected false to be true" from <c>Scalar::toFloat</c>, sooner the more the process allocates). Code that runs per
/// batch uses these, or tensors, instead.
/// </summary>
internal static class KeptScalars
{
    /// <summary>1, the <c>alpha</c> of a plain addition: <c>a.add(b, KeptScalars.One)</c>.</summary>
    public static readonly Scalar One = 1.0.ToScalar();

    /// <summary>The bias added to the attention scores of padded keys (the ONNX graph's <c>(1 - mask) · -10000</c>).</summary>
    public static readonly Scalar PaddingBias = (-10000.0).ToScalar();

    /// <summary>The least count a mean divides by.</summary>
    public static readonly Scalar TinyCount = 1e-9.ToScalar();
}
