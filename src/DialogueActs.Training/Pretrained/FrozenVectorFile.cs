using System.Text;

using DialogueActs.Modeling;
using DialogueActs.Text;

namespace DialogueActs.Pretrained;

/// <summary>
/// Every word of a GloVe text file and its vector, for the frozen pretrained table (<c>model.frozenVectors</c>,
/// <see cref="PretrainedVectorFeature"/>): the words in file order after the reserved ids, and the matrix whose
/// row <c>i</c> is the vector of word id <c>i</c> (reserved rows zero).
/// </summary>
/// <param name="Vocabulary">The file's words (the first of duplicates), after the reserved ids.</param>
/// <param name="Matrix">Row-major <c>[Vocabulary.Count, Dimension]</c>.</param>
/// <param name="Dimension">Vector size.</param>
internal sealed record FrozenVectorFile(Vocabulary Vocabulary, float[] Matrix, int Dimension)
{
    /// <summary>Reads the whole file.</summary>
    /// <exception cref="DialogueActsException">The file is missing or malformed.</exception>
    public static FrozenVectorFile Read(string path)
    {
        int dimension = GloveLoader.ReadDimension(path);
        var vocabulary = Vocabulary.FromWords(Words(path));
        if ((long)vocabulary.Count * dimension > Array.MaxLength)
            throw new DialogueActsException($"{path}: {vocabulary.Count:N0} words × {dimension} values are more than one table can hold");
        var vectors = GloveLoader.Load(path, vocabulary, dimension, new float[vocabulary.Count * dimension]);
        return new FrozenVectorFile(vocabulary, vectors.Matrix, dimension);
    }

    /// <summary>The model options with the table's size.</summary>
    public ModelOptions ApplyTo(ModelOptions options) => options with { FrozenVectorWords = Vocabulary.Count, FrozenVectorDim = Dimension };

    /// <summary>Fills the model's frozen table.</summary>
    public void Load(HierarchicalTagger model) =>
        (model.UtteranceEncoder.FrozenVectors ?? throw new InvalidOperationException("The model has no frozen vector table.")).Load(Matrix);

    private static IEnumerable<string> Words(string path)
    {
        foreach (string line in File.ReadLines(path, Encoding.UTF8))
        {
            int space = line.IndexOf(' ');
            if (space > 0) yield return line[..space];
        }
    }
}
