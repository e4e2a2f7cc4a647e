using DialogueActs.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Training.Pretrained;

/// <summary>
/// Initialises a word embedding from a GloVe file before training. When the file has fewer dimensions
/// than the embedding, its vectors fill the leading columns, scaled to the standard deviation of the
/// random initialisation, and the other columns stay random.
/// </summary>
internal static class PretrainedEmbeddingInitializer
{
    /// <summary>Overwrites the leading columns of <paramref name="weight"/> with the GloVe vectors of <paramref name="vocabulary"/>.</summary>
    /// <param name="weight">The randomly initialised embedding, <c>[V, E]</c>; changed in place.</param>
    /// <param name="vocabulary">The vocabulary whose ids index the rows.</param>
    /// <param name="path">The GloVe file.</param>
    /// <returns>A one-line summary of the coverage, for the training log.</returns>
    /// <exception cref="DialogueActsException">The file is malformed, or its vectors are wider than the embedding.</exception>
    public static string Initialize(Tensor weight, Vocabulary vocabulary, string path)
    {
        int embeddingDim = (int)weight.shape[1];
        int fileDim = GloveLoader.ReadDimension(path);
        if (fileDim > embeddingDim)
            throw new DialogueActsException($"{path}:1: the vectors have dimension {fileDim}, more than the embedding dimension (model.embeddingDim) {embeddingDim}");
        var head = weight.detach().narrow(1, 0, fileDim);                                                  // [V, G]
        var random = head.contiguous().data<float>().ToArray();
        var glove = GloveLoader.Load(path, vocabulary, fileDim, new float[random.Length]);
        double? randomStd = fileDim < embeddingDim
            ? weight.detach().narrow(1, fileDim, embeddingDim - fileDim).std().item<float>()               // scale of the random columns
            : null;
        var matrix = MergeGlove(random, glove.Matrix, fileDim, randomStd);
        using (torch.no_grad()) head.copy_(torch.tensor(matrix, new long[] { glove.Rows, fileDim }));   // [V, G]
        return $"GloVe: {glove.FoundTokens:N0} of {glove.VocabularyTokens:N0} vocabulary words found ({glove.VocabularyCoverage:P1}), " +
               $"covering {glove.TokenCoverage:P1} of training tokens, {fileDim} of {embeddingDim} dimensions ({path})";
    }

    /// <summary>
    /// The leading embedding columns after GloVe initialisation: rows the file filled (non-zero in
    /// <paramref name="glove"/>) take its vectors, scaled to standard deviation <paramref name="randomStd"/>
    /// when given; other rows, and the reserved <c>&lt;unk&gt;</c> and <c>&lt;empty&gt;</c> rows, keep
    /// <paramref name="random"/>; the padding row is zero.
    /// </summary>
    public static float[] MergeGlove(float[] random, float[] glove, int dimension, double? randomStd)
    {
        int rows = random.Length / dimension;
        var matrix = (float[])glove.Clone();
        var found = new bool[rows];
        double sumSquares = 0;
        long count = 0;
        for (int id = Vocabulary.ReservedCount; id < rows; id++)
        {
            for (int k = 0; k < dimension; k++) found[id] |= glove[id * dimension + k] != 0;
            if (!found[id]) continue;
            for (int k = 0; k < dimension; k++) sumSquares += (double)glove[id * dimension + k] * glove[id * dimension + k];
            count += dimension;
        }
        double scale = randomStd is double std && count > 0 ? std / Math.Sqrt(sumSquares / count) : 1;
        for (int id = 0; id < rows; id++)
        {
            if (id == Vocabulary.PadId) Array.Clear(matrix, 0, dimension);
            else if (!found[id]) Array.Copy(random, id * dimension, matrix, id * dimension, dimension);
            else for (int k = 0; k < dimension; k++) matrix[id * dimension + k] = (float)(matrix[id * dimension + k] * scale);
        }
        return matrix;
    }
}
