using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

using DialogueActs.Text;

namespace DialogueActs.Training.Pretrained;

/// <summary>
/// A sentence encoder that remembers another encoder's outputs on disk, so each distinct text is encoded
/// once across runs. Same <see cref="Id"/> and <see cref="Dimension"/> as the inner encoder; a text answered
/// from the cache gets exactly (bit for bit) the floats the inner encoder gave it.
/// </summary>
/// <remarks>
/// <para>
/// One file per inner encoder id in the cache folder, named <c>sentence-vectors-</c> plus the first 16 hex
/// digits of the SHA-256 of the id, <c>.bin</c>. It starts with a header (the bytes <c>DASVCACH</c>, the
/// format version, the dimension and the id in UTF-8, all checked on open) followed by records: the
/// SHA-256 of the text's UTF-8 bytes (32 bytes), then the vector as little-endian float32. The whole file
/// is read into memory on open. <see cref="Encode"/> encodes the texts not yet cached with the inner
/// encoder (each distinct text once, <see cref="MissesPerCall"/> per call), appending and flushing after each call.
/// </para>
/// <para>
/// A last record cut short (a crash mid-write) is dropped on open and overwritten; any other damage is a
/// <see cref="DialogueActsException"/> naming the file. The file stays open with no sharing until
/// <see cref="Dispose"/>, so a second process (or a second instance) on the same folder and encoder fails
/// on open. Thread-safe: calls are serialised. Disposing does not dispose the inner encoder.
/// </para>
/// </remarks>
public sealed class CachedSentenceEncoder : ISentenceEncoder, IDisposable
{
    private const int FormatVersion = 1;
    private const int KeySize = 32;
    private const int MaxIdBytes = 4096;
    private static readonly byte[] Magic = "DASVCACH"u8.ToArray();

    private readonly ISentenceEncoder _inner;
    private readonly FileStream _file;
    private readonly Dictionary<TextKey, float[]> _vectors = [];
    private readonly Lock _lock = new();
    private readonly int _recordSize;
    private long _length;
    private long _hits;
    private long _misses;
    private bool _disposed;

    /// <summary>Opens (or creates) the cache file of <paramref name="inner"/> in <paramref name="directory"/> and reads it.</summary>
    /// <param name="inner">The encoder whose outputs are cached.</param>
    /// <param name="directory">The cache folder; created when missing.</param>
    /// <exception cref="DialogueActsException">
    /// The file is in use by another process, cannot be read or written, or is damaged (other than a last
    /// record cut short), or was written for another encoder id or dimension.
    /// </exception>
    public CachedSentenceEncoder(ISentenceEncoder inner, string directory)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _inner = inner;
        Id = inner.Id;
        Dimension = inner.Dimension;
        ArgumentOutOfRangeException.ThrowIfLessThan(Dimension, 1, "inner.Dimension");
        _recordSize = KeySize + Dimension * sizeof(float);
        FilePath = Path.Combine(directory, FileNameOf(Id));
        _file = Open(directory, FilePath);
        try
        {
            Load();
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    /// <summary>The inner encoder's id.</summary>
    public string Id { get; }

    /// <summary>The inner encoder's dimension.</summary>
    public int Dimension { get; }

    /// <summary>The cache file.</summary>
    public string FilePath { get; }

    /// <summary>Texts answered from the cache so far (each occurrence in each call counts).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Texts not in the cache when asked for so far (each occurrence counts; each distinct one was encoded once).</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Distinct texts whose vectors the cache holds.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _vectors.Count;
        }
    }

    /// <summary>The file name of the cache of the encoder with id <paramref name="encoderId"/>.</summary>
    public static string FileNameOf(string encoderId)
    {
        ArgumentNullException.ThrowIfNull(encoderId);
        return $"sentence-vectors-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(encoderId)))[..16]}.bin";
    }

    /// <inheritdoc />
    /// <exception cref="DialogueActsException">The new vectors cannot be appended to the file.</exception>
    public float[][] Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var missing = new Dictionary<TextKey, List<int>>();
            var missingTexts = new List<string>();
            for (int i = 0; i < texts.Count; i++)
            {
                string text = texts[i] ?? throw new ArgumentException($"texts[{i}] is null", nameof(texts));
                TextKey key = TextKey.Of(text);
                if (_vectors.TryGetValue(key, out float[]? vector))
                {
                    result[i] = (float[])vector.Clone();
                    _hits++;
                    continue;
                }
                _misses++;
                if (!missing.TryGetValue(key, out List<int>? positions))
                {
                    missing.Add(key, positions = []);
                    missingTexts.Add(text);
                }
                positions.Add(i);
            }
            if (missingTexts.Count == 0) return result;

            // In parts of MissesPerCall texts, each appended as soon as it is encoded, so an interrupted first
            // extraction keeps what it finished.
            var keys = missing.Keys.ToArray();
            for (int start = 0; start < keys.Length; start += MissesPerCall)
            {
                int count = Math.Min(MissesPerCall, keys.Length - start);
                float[][] encoded = _inner.Encode(missingTexts.GetRange(start, count));
                CheckInnerOutput(encoded, count);
                Append(keys.Skip(start).Take(count), encoded);
                for (int n = 0; n < count; n++)
                {
                    float[] vector = encoded[n];
                    _vectors[keys[start + n]] = (float[])vector.Clone();
                    foreach (int position in missing[keys[start + n]]) result[position] = (float[])vector.Clone();
                }
            }
        }
        return result;
    }

    /// <summary>Most distinct missing texts sent to the inner encoder in one call (and appended to the file after it).</summary>
    public const int MissesPerCall = 8192;

    /// <summary>Closes the cache file (the inner encoder stays open).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _file.Dispose();
        }
    }

    private static FileStream Open(string directory, string path)
    {
        try
        {
            Directory.CreateDirectory(directory);
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16);
        }
        catch (IOException e) when ((e.HResult & 0xFFFF) == 32 || (e.HResult & 0xFFFF) == 33 || e.HResult == 11)
        {
            throw new DialogueActsException($"{path}: the sentence vector cache is in use by another process (one process at a time may use it)", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DialogueActsException($"{path}: cannot open the sentence vector cache: {DialogueActsException.Brief(e.Message)}", e);
        }
    }

    private void Load()
    {
        try
        {
            if (_file.Length == 0)
            {
                WriteHeader();
                return;
            }
            long headerLength = ReadHeader();
            long records = (_file.Length - headerLength) / _recordSize;
            _length = headerLength + records * _recordSize;
            if (_file.Length != _length)
            {
                // A crash mid-append: drop the partial record, the next append overwrites it.
                _file.SetLength(_length);
            }
            ReadRecords(records);
        }
        catch (IOException e)
        {
            throw new DialogueActsException($"{FilePath}: cannot read the sentence vector cache: {DialogueActsException.Brief(e.Message)}", e);
        }
    }

    private void WriteHeader()
    {
        byte[] id = Encoding.UTF8.GetBytes(Id);
        if (id.Length > MaxIdBytes) throw new ArgumentException($"encoder id longer than {MaxIdBytes} UTF-8 bytes", "inner");
        var header = new byte[Magic.Length + 12 + id.Length];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(Magic.Length), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(Magic.Length + 4), Dimension);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(Magic.Length + 8), id.Length);
        id.CopyTo(header, Magic.Length + 12);
        _file.Position = 0;
        _file.Write(header);
        _file.Flush(flushToDisk: true);
        _length = header.Length;
    }

    private long ReadHeader()
    {
        var fixedPart = new byte[Magic.Length + 12];
        _file.Position = 0;
        if (_file.ReadAtLeast(fixedPart, fixedPart.Length, throwOnEndOfStream: false) < fixedPart.Length)
        {
            throw Damaged("its header is cut short");
        }
        if (!fixedPart.AsSpan(0, Magic.Length).SequenceEqual(Magic)) throw Damaged("it does not start with the cache header");
        int version = BinaryPrimitives.ReadInt32LittleEndian(fixedPart.AsSpan(Magic.Length));
        if (version != FormatVersion) throw Damaged($"format version {version}, expected {FormatVersion}");
        int dimension = BinaryPrimitives.ReadInt32LittleEndian(fixedPart.AsSpan(Magic.Length + 4));
        int idLength = BinaryPrimitives.ReadInt32LittleEndian(fixedPart.AsSpan(Magic.Length + 8));
        if (idLength is < 0 or > MaxIdBytes) throw Damaged($"encoder id length {idLength} in its header");
        var idBytes = new byte[idLength];
        if (_file.ReadAtLeast(idBytes, idLength, throwOnEndOfStream: false) < idLength) throw Damaged("its header is cut short");
        string id;
        try
        {
            id = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(idBytes);
        }
        catch (DecoderFallbackException)
        {
            throw Damaged("the encoder id in its header is not UTF-8");
        }
        if (id != Id)
        {
            throw Damaged($"it was written for encoder '{DialogueActsException.Excerpt(id)}', not '{DialogueActsException.Excerpt(Id)}'");
        }
        if (dimension != Dimension) throw Damaged($"dimension {dimension} in its header, the encoder gives {Dimension}");
        return fixedPart.Length + idLength;
    }

    private void ReadRecords(long records)
    {
        var record = new byte[_recordSize];
        for (long r = 0; r < records; r++)
        {
            _file.ReadExactly(record);
            var vector = new float[Dimension];
            for (int d = 0; d < Dimension; d++)
            {
                vector[d] = BinaryPrimitives.ReadSingleLittleEndian(record.AsSpan(KeySize + d * sizeof(float)));
                if (!float.IsFinite(vector[d])) throw Damaged($"record {r + 1} holds a value that is not a finite number");
            }
            _vectors.TryAdd(TextKey.Read(record), vector);
        }
    }

    private void Append(IEnumerable<TextKey> keys, float[][] vectors)
    {
        var buffer = new byte[vectors.Length * _recordSize];
        int n = 0;
        foreach (TextKey key in keys)
        {
            Span<byte> record = buffer.AsSpan(n * _recordSize, _recordSize);
            key.Write(record);
            for (int d = 0; d < Dimension; d++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(record[(KeySize + d * sizeof(float))..], vectors[n][d]);
            }
            n++;
        }
        try
        {
            _file.Position = _length;
            _file.Write(buffer);
            _file.Flush();
            _length += buffer.Length;
        }
        catch (IOException e)
        {
            TryCutBackTo(_length);
            throw new DialogueActsException($"{FilePath}: cannot append to the sentence vector cache: {DialogueActsException.Brief(e.Message)}", e);
        }
    }

    private void TryCutBackTo(long length)
    {
        try
        {
            _file.SetLength(length);
        }
        catch (IOException)
        {
            // The partial record is dropped on the next open.
        }
    }

    private void CheckInnerOutput(float[][] encoded, int count)
    {
        if (encoded is null || encoded.Length != count)
        {
            throw new InvalidOperationException($"encoder '{Id}' returned {encoded?.Length ?? 0} vectors for {count} texts");
        }
        foreach (float[] vector in encoded)
        {
            if (vector is null || vector.Length != Dimension)
            {
                throw new InvalidOperationException($"encoder '{Id}' returned a vector of {vector?.Length ?? 0} values, expected {Dimension}");
            }
            if (!vector.All(float.IsFinite)) throw new InvalidOperationException($"encoder '{Id}' returned a value that is not a finite number");
        }
    }

    private DialogueActsException Damaged(string what) =>
        new($"{FilePath}: damaged sentence vector cache: {what} (delete the file to rebuild it)");

    /// <summary>The SHA-256 of a text's UTF-8 bytes.</summary>
    private readonly record struct TextKey(ulong A, ulong B, ulong C, ulong D)
    {
        public static TextKey Of(string text)
        {
            Span<byte> hash = stackalloc byte[KeySize];
            SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
            return Read(hash);
        }

        public static TextKey Read(ReadOnlySpan<byte> bytes) => new(
            BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));

        public void Write(Span<byte> bytes)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, A);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], B);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[16..], C);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[24..], D);
        }
    }
}
