namespace DialogueActs.Onnx;

/// <summary>
/// Sentence-transformers' pooling for all-MiniLM-L6-v2: the mean of the token vectors over the real
/// tokens (attention mask 1, [CLS] and [SEP] included), then divided by its L2 norm (at least 1e-12,
/// as <c>torch.nn.functional.normalize</c>).
/// </summary>
internal static class MeanPooling
{
    /// <summary>
    /// Pools row <paramref name="row"/> of a <c>[rows, sequenceLength, dimension]</c> hidden-state tensor
    /// whose first <paramref name="tokens"/> positions are real.
    /// </summary>
    public static float[] Pool(ReadOnlySpan<float> hidden, int row, int sequenceLength, int dimension, int tokens)
    {
        var sum = new double[dimension];
        int start = row * sequenceLength * dimension;
        for (int t = 0; t < tokens; t++)
        {
            ReadOnlySpan<float> token = hidden.Slice(start + t * dimension, dimension);
            for (int d = 0; d < dimension; d++) sum[d] += token[d];
        }
        double squares = 0;
        for (int d = 0; d < dimension; d++)
        {
            sum[d] /= tokens;
            squares += sum[d] * sum[d];
        }
        double norm = Math.Max(Math.Sqrt(squares), 1e-12);
        var vector = new float[dimension];
        for (int d = 0; d < dimension; d++) vector[d] = (float)(sum[d] / norm);
        return vector;
    }
}
