namespace DialogueActs.Training.Pretrained;

/// <summary>An embedding matrix initialised from a GloVe file, with its coverage of the vocabulary.</summary>
/// <param name="Matrix">Row-major <c>[Rows, Dimension]</c> matrix; row <c>i</c> is the vector of vocabulary id <c>i</c>.</param>
/// <param name="Rows">Number of rows (the vocabulary size).</param>
/// <param name="Dimension">Vector dimension.</param>
/// <param name="FoundTokens">Non-reserved vocabulary tokens that received a GloVe vector.</param>
/// <param name="VocabularyTokens">Non-reserved vocabulary tokens.</param>
/// <param name="TokenCoverage">
/// Fraction of training token occurrences (out-of-vocabulary ones included) whose token received a
/// GloVe vector; 0 when the vocabulary has no training counts.
/// </param>
public sealed record GloveEmbeddings(float[] Matrix, int Rows, int Dimension, int FoundTokens, int VocabularyTokens, double TokenCoverage)
{
    /// <summary>Fraction of non-reserved vocabulary tokens that received a GloVe vector (0 when there are none).</summary>
    public double VocabularyCoverage => VocabularyTokens == 0 ? 0 : (double)FoundTokens / VocabularyTokens;
}
