using System.Globalization;
using System.Text;

using DialogueActs.Text;

namespace DialogueActs.Training.Pretrained;

/// <summary>
/// Reads pre-trained word vectors in GloVe text format (UTF-8, one <c>word v1 ... vD</c> line per word,
/// separated by single spaces) into an embedding matrix for a <see cref="Vocabulary"/>.
/// </summary>
/// <remarks>
/// A vocabulary token matches a GloVe word exactly, or else case-insensitively (lowercased on both
/// sides), so lowercase GloVe files such as GloVe 6B also serve cased vocabularies; an exact match wins
/// over a case-insensitive one, and the first line wins among equals. Vocabulary tokens are trimmed
/// before matching (cl100k tokens carry a leading space). Every line's value count is checked; values
/// are parsed only for words that match the vocabulary. Blank lines are skipped.
/// </remarks>
public static class GloveLoader
{
    private const byte NotFound = 0;
    private const byte CaseInsensitiveMatch = 1;
    private const byte ExactMatch = 2;

    /// <summary>
    /// Loads the vectors of <paramref name="vocabulary"/> tokens from <paramref name="path"/>. Rows of
    /// tokens not in the file (and of reserved ids other than padding) are drawn from a normal
    /// distribution with mean 0 and the standard deviation of the loaded values (1/√dimension when none
    /// was loaded), in id order from <paramref name="random"/>. The padding row is zero.
    /// </summary>
    /// <exception cref="DialogueActsException">The file is missing or malformed, or its dimension differs from <paramref name="dimension"/>.</exception>
    public static GloveEmbeddings Load(string path, Vocabulary vocabulary, int dimension, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var matrix = new float[vocabulary.Count * dimension];
        byte[] found = Read(path, vocabulary, dimension, matrix);
        double sumSquares = 0;
        long loaded = 0;
        for (int id = 0; id < found.Length; id++)
        {
            if (found[id] == NotFound)
            {
                continue;
            }
            for (int k = 0; k < dimension; k++)
            {
                double value = matrix[id * dimension + k];
                sumSquares += value * value;
            }
            loaded += dimension;
        }
        double std = loaded > 0 ? Math.Sqrt(sumSquares / loaded) : 1.0 / Math.Sqrt(dimension);
        for (int id = 0; id < found.Length; id++)
        {
            if (found[id] != NotFound || id == Vocabulary.PadId)
            {
                continue;
            }
            for (int k = 0; k < dimension; k++)
            {
                matrix[id * dimension + k] = (float)(std * NextGaussian(random));
            }
        }
        return Summarise(matrix, vocabulary, dimension, found);
    }

    /// <summary>
    /// Loads the vectors of <paramref name="vocabulary"/> tokens from <paramref name="path"/> over a copy
    /// of <paramref name="initial"/> (row-major <c>[vocabulary.Count, dimension]</c>): rows of tokens not
    /// in the file keep their initial values; the padding row is zero.
    /// </summary>
    /// <exception cref="DialogueActsException">The file is missing or malformed, or its dimension differs from <paramref name="dimension"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="initial"/> does not have <c>vocabulary.Count * dimension</c> values.</exception>
    public static GloveEmbeddings Load(string path, Vocabulary vocabulary, int dimension, float[] initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (initial.Length != vocabulary.Count * dimension)
        {
            throw new ArgumentException($"expected {vocabulary.Count} x {dimension} = {vocabulary.Count * dimension} values, got {initial.Length}", nameof(initial));
        }
        float[] matrix = (float[])initial.Clone();
        byte[] found = Read(path, vocabulary, dimension, matrix);
        return Summarise(matrix, vocabulary, dimension, found);
    }

    /// <summary>The number of values per word on the first non-blank line of a GloVe file.</summary>
    /// <exception cref="DialogueActsException">The file is missing, unreadable or has no vectors.</exception>
    public static int ReadDimension(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new DialogueActsException($"{path}: file not found");
        try
        {
            int lineNumber = 0;
            foreach (string line in File.ReadLines(path, Encoding.UTF8))
            {
                lineNumber++;
                ReadOnlySpan<char> text = line.AsSpan().TrimEnd();
                if (text.IsEmpty) continue;
                int space = text.IndexOf(' ');
                if (space <= 0) throw new DialogueActsException($"{path}:{lineNumber}: expected a word followed by its values");
                return text[(space + 1)..].Count(' ') + 1;
            }
        }
        catch (IOException ex)
        {
            throw new DialogueActsException($"{path}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DialogueActsException($"{path}: {ex.Message}", ex);
        }
        throw new DialogueActsException($"{path}: no vectors in the file");
    }

    private static GloveEmbeddings Summarise(float[] matrix, Vocabulary vocabulary, int dimension, byte[] found)
    {
        Array.Clear(matrix, Vocabulary.PadId * dimension, dimension);
        int foundTokens = 0;
        long coveredOccurrences = 0;
        for (int id = Vocabulary.ReservedCount; id < vocabulary.Count; id++)
        {
            if (found[id] != NotFound)
            {
                foundTokens++;
                coveredOccurrences += vocabulary.OccurrencesOf(id);
            }
        }
        double tokenCoverage = vocabulary.TrainingTokenCount == 0 ? 0 : (double)coveredOccurrences / vocabulary.TrainingTokenCount;
        return new GloveEmbeddings(matrix, vocabulary.Count, dimension, foundTokens,
            vocabulary.Count - Vocabulary.ReservedCount, tokenCoverage);
    }

    /// <summary>Reads the file into the rows of matched tokens; returns the match quality per id.</summary>
    private static byte[] Read(string path, Vocabulary vocabulary, int dimension, float[] matrix)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var folded = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int id = Vocabulary.ReservedCount; id < vocabulary.Count; id++)
        {
            string key = vocabulary.TokenAt(id).Trim();
            if (key.Length == 0)
            {
                continue;
            }
            Add(exact, key, id);
            Add(folded, key.ToLowerInvariant(), id);
        }
        var found = new byte[vocabulary.Count];
        if (!File.Exists(path))
        {
            throw new DialogueActsException($"{path}: file not found");
        }
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            int lineNumber = 0;
            bool first = true;
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                ReadOnlySpan<char> text = line.AsSpan().TrimEnd();
                if (text.IsEmpty)
                {
                    continue;
                }
                int space = text.IndexOf(' ');
                if (space <= 0)
                {
                    throw new DialogueActsException($"{path}:{lineNumber}: expected a word followed by {dimension} values");
                }
                string word = text[..space].ToString();
                ReadOnlySpan<char> values = text[(space + 1)..];
                int valueCount = values.Count(' ') + 1;
                if (first)
                {
                    first = false;
                    if (valueCount != dimension)
                    {
                        throw new DialogueActsException(
                            $"{path}:{lineNumber}: the vectors have dimension {valueCount} but the embedding dimension (model.embeddingDim) is {dimension}");
                    }
                }
                else if (valueCount != dimension)
                {
                    throw new DialogueActsException($"{path}:{lineNumber}: expected {dimension} values after the word, got {valueCount}");
                }
                if (exact.TryGetValue(word, out List<int>? ids))
                {
                    Fill(ids, ExactMatch);
                }
                if (folded.TryGetValue(word.ToLowerInvariant(), out ids))
                {
                    Fill(ids, CaseInsensitiveMatch);
                }

                void Fill(List<int> targets, byte quality)
                {
                    int source = -1;
                    foreach (int id in targets)
                    {
                        if (found[id] >= quality)
                        {
                            continue;
                        }
                        if (source < 0)
                        {
                            ParseValues(path, lineNumber, line, space + 1, dimension, matrix, id * dimension);
                            source = id;
                        }
                        else
                        {
                            Array.Copy(matrix, source * dimension, matrix, id * dimension, dimension);
                        }
                        found[id] = quality;
                    }
                }
            }
            if (first)
            {
                throw new DialogueActsException($"{path}: no vectors in the file");
            }
        }
        catch (IOException ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DialogueActsException($"{path}: file not found", ex);
        }
        catch (IOException ex)
        {
            throw new DialogueActsException($"{path}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DialogueActsException($"{path}: {ex.Message}", ex);
        }
        return found;
    }

    private static void ParseValues(string path, int lineNumber, string line, int start, int dimension, float[] matrix, int offset)
    {
        ReadOnlySpan<char> rest = line.AsSpan(start).TrimEnd();
        for (int k = 0; k < dimension; k++)
        {
            int space = rest.IndexOf(' ');
            ReadOnlySpan<char> field = space < 0 ? rest : rest[..space];
            if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            {
                throw new DialogueActsException($"{path}:{lineNumber}: value {k + 1} is not a number: \"{field.ToString()}\"");
            }
            matrix[offset + k] = value;
            rest = space < 0 ? [] : rest[(space + 1)..];
        }
    }

    private static void Add(Dictionary<string, List<int>> map, string key, int id)
    {
        if (!map.TryGetValue(key, out List<int>? ids))
        {
            map[key] = ids = [];
        }
        ids.Add(id);
    }

    private static double NextGaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
