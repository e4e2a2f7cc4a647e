using TorchSharp;

namespace DialogueActs.Modeling;

/// <summary>
/// Native scalars that live as long as the process. TorchSharp turns an implicit scalar argument (the <c>alpha</c> of
/// <c>a + b</c>) into a temporary native scalar that the garbage collector may finalise while libtorch still reads it:
/// rarely, a long run then stops with <c>Expected false to be true</c> from <c>Scalar::toFloat</c> (twice in max
/// pooling, fixed in the issue-12 session, and once in the CRF's forward recursion during an issue-14 training run).
/// Hot loops pass these instead.
/// </summary>
internal static class PinnedScalars
{
    /// <summary>The scalar 1, the <c>alpha</c> of a plain addition.</summary>
    public static readonly Scalar One = 1.ToScalar();
}
