namespace DialogueActs.Text;

/// <summary>
/// A pretrained sentence encoder: one fixed-size vector per utterance text, joined to each utterance
/// vector before the conversation Bi-LSTM (<c>Modeling.SentenceVectorFeature</c>). The core defines the
/// contract only; an implementation lives in its own package (for example all-MiniLM-L6-v2 in
/// <c>DialogueActs.Onnx</c>), so the core carries no encoder model and no runtime for it.
/// </summary>
/// <remarks>Implementations are thread-safe: a tagger may encode from several requests at once.</remarks>
public interface ISentenceEncoder
{
    /// <summary>
    /// Identifies the model, its version and the pooling exactly (for example
    /// <c>all-MiniLM-L6-v2/mean/onnx-sha256:1a2b…</c>). A model archive stores it and refuses an encoder
    /// with another id; caches of encoder outputs key on it.
    /// </summary>
    string Id { get; }

    /// <summary>Size of each vector.</summary>
    int Dimension { get; }

    /// <summary>
    /// Encodes texts, in as few model runs as suits the implementation. <c>result[i]</c> has
    /// <see cref="Dimension"/> values and equals the vector of <c>texts[i]</c> encoded alone, up to
    /// float rounding (a relative difference below 1e-4).
    /// </summary>
    /// <param name="texts">The texts; any may be empty.</param>
    float[][] Encode(IReadOnlyList<string> texts);
}
