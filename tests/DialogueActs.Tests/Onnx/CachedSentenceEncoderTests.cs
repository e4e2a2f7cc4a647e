using System.Security.Cryptography;
using System.Text;

using DialogueActs.Training.Pretrained;
using DialogueActs.Text;

namespace DialogueActs.Tests.Onnx;

public sealed class CachedSentenceEncoderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sentence-cache-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A deterministic encoder (values from a hash of the id and text) that records what it was asked.</summary>
    private sealed class CountingEncoder(string id = "counting/v1", int dimension = 8) : ISentenceEncoder
    {
        private readonly Lock _lock = new();

        public List<string[]> Calls { get; } = [];

        public string Id => id;

        public int Dimension => dimension;

        public int TextsEncoded
        {
            get
            {
                lock (_lock) return Calls.Sum(call => call.Length);
            }
        }

        public float[][] Encode(IReadOnlyList<string> texts)
        {
            lock (_lock) Calls.Add([.. texts]);
            return texts.Select(Vector).ToArray();
        }

        public float[] Vector(string text)
        {
            byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(id + "\n" + text));
            // Values with full float mantissas (not round numbers), so a lossy round trip would show.
            return Enumerable.Range(0, dimension).Select(d => (BitConverter.ToUInt32(hash, (d * 4) % 32) / (float)uint.MaxValue - 0.5f) / 3f).ToArray();
        }
    }

    private static int[] Bits(float[] vector) => vector.Select(BitConverter.SingleToInt32Bits).ToArray();

    private static void AssertBitwiseEqual(float[] expected, float[] actual) => Assert.Equal(Bits(expected), Bits(actual));

    [Fact]
    public void Hit_EqualsMiss_Bitwise()
    {
        var inner = new CountingEncoder();
        using var cache = new CachedSentenceEncoder(inner, _directory);
        string[] texts = ["Okay.", "Uh-huh.", "How do you feel about that?"];

        float[][] first = cache.Encode(texts);
        float[][] second = cache.Encode(texts);

        Assert.Equal(inner.Id, cache.Id);
        Assert.Equal(inner.Dimension, cache.Dimension);
        Assert.Single(inner.Calls);
        for (int i = 0; i < texts.Length; i++)
        {
            AssertBitwiseEqual(inner.Vector(texts[i]), first[i]);
            AssertBitwiseEqual(first[i], second[i]);
        }
        Assert.Equal(3, cache.Misses);
        Assert.Equal(3, cache.Hits);
    }

    [Fact]
    public void SecondInstance_AnswersFromDisk_WithoutTheInnerEncoder()
    {
        string[] texts = ["Okay.", "", "Right, I see what you mean."];
        float[][] written;
        using (var cache = new CachedSentenceEncoder(new CountingEncoder(), _directory))
        {
            written = cache.Encode(texts);
        }

        var inner = new CountingEncoder();
        using var reopened = new CachedSentenceEncoder(inner, _directory);
        float[][] read = reopened.Encode(texts);

        Assert.Empty(inner.Calls);
        Assert.Equal(3, reopened.Count);
        Assert.Equal(3, reopened.Hits);
        Assert.Equal(0, reopened.Misses);
        for (int i = 0; i < texts.Length; i++) AssertBitwiseEqual(written[i], read[i]);
    }

    [Fact]
    public void Misses_AreEncodedInOneCall_EachDistinctTextOnce()
    {
        var inner = new CountingEncoder();
        using var cache = new CachedSentenceEncoder(inner, _directory);
        cache.Encode(["cached"]);

        float[][] vectors = cache.Encode(["x", "cached", "y", "x", "x"]);

        Assert.Equal(2, inner.Calls.Count);
        Assert.Equal(["x", "y"], inner.Calls[1]);
        AssertBitwiseEqual(vectors[0], vectors[3]);
        AssertBitwiseEqual(vectors[0], vectors[4]);
        Assert.Equal(3, cache.Count);
        Assert.Equal(1, cache.Hits);
        Assert.Equal(5, cache.Misses);
    }

    [Fact]
    public void ReturnedVectors_AreCopies()
    {
        using var cache = new CachedSentenceEncoder(new CountingEncoder(), _directory);
        float[] first = cache.Encode(["Okay."])[0];
        float expected = first[0];
        first[0] = 42f;

        Assert.Equal(expected, cache.Encode(["Okay."])[0][0]);
    }

    [Fact]
    public void AnotherInnerId_UsesAnotherFile()
    {
        var a = new CountingEncoder("model-a");
        var b = new CountingEncoder("model-b");
        using var cacheA = new CachedSentenceEncoder(a, _directory);
        using var cacheB = new CachedSentenceEncoder(b, _directory);

        float[] fromA = cacheA.Encode(["Okay."])[0];
        float[] fromB = cacheB.Encode(["Okay."])[0];

        Assert.NotEqual(cacheA.FilePath, cacheB.FilePath);
        Assert.Equal(CachedSentenceEncoder.FileNameOf("model-a"), Path.GetFileName(cacheA.FilePath));
        Assert.Single(b.Calls);
        AssertBitwiseEqual(b.Vector("Okay."), fromB);
        Assert.NotEqual(Bits(fromA), Bits(fromB));
        Assert.Equal(2, Directory.GetFiles(_directory).Length);
    }

    [Fact]
    public void TruncatedLastRecord_IsDropped_AndOverwritten()
    {
        string path;
        long fullLength;
        using (var cache = new CachedSentenceEncoder(new CountingEncoder(), _directory))
        {
            cache.Encode(["one", "two", "three"]);
            path = cache.FilePath;
        }
        fullLength = new FileInfo(path).Length;
        using (var file = new FileStream(path, FileMode.Open)) file.SetLength(fullLength - 5);

        var inner = new CountingEncoder();
        using (var cache = new CachedSentenceEncoder(inner, _directory))
        {
            Assert.Equal(2, cache.Count);
            float[][] vectors = cache.Encode(["one", "two", "three"]);
            Assert.Equal(["three"], Assert.Single(inner.Calls));
            AssertBitwiseEqual(inner.Vector("three"), vectors[2]);
        }
        Assert.Equal(fullLength, new FileInfo(path).Length);

        var again = new CountingEncoder();
        using var reopened = new CachedSentenceEncoder(again, _directory);
        Assert.Equal(3, reopened.Count);
        reopened.Encode(["one", "two", "three"]);
        Assert.Empty(again.Calls);
    }

    [Fact]
    public void DamagedHeader_IsAOneLineErrorNamingTheFile()
    {
        string path;
        using (var cache = new CachedSentenceEncoder(new CountingEncoder(), _directory))
        {
            cache.Encode(["one"]);
            path = cache.FilePath;
        }
        byte[] bytes = File.ReadAllBytes(path);
        bytes[0] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<DialogueActsException>(() => new CachedSentenceEncoder(new CountingEncoder(), _directory));

        Assert.Equal($"{path}: damaged sentence vector cache: it does not start with the cache header (delete the file to rebuild it)", error.Message);
    }

    [Fact]
    public void HeaderOfAnotherEncoder_IsRefused()
    {
        string written;
        using (var cache = new CachedSentenceEncoder(new CountingEncoder("model-a"), _directory)) written = cache.FilePath;
        string expected = Path.Combine(_directory, CachedSentenceEncoder.FileNameOf("model-b"));
        File.Move(written, expected);

        var error = Assert.Throws<DialogueActsException>(() => new CachedSentenceEncoder(new CountingEncoder("model-b"), _directory));

        Assert.Equal($"{expected}: damaged sentence vector cache: it was written for encoder 'model-a', not 'model-b' (delete the file to rebuild it)", error.Message);
    }

    [Fact]
    public void HeaderCutShort_IsAnError()
    {
        string path;
        using (var cache = new CachedSentenceEncoder(new CountingEncoder(), _directory)) path = cache.FilePath;
        using (var file = new FileStream(path, FileMode.Open)) file.SetLength(10);

        var error = Assert.Throws<DialogueActsException>(() => new CachedSentenceEncoder(new CountingEncoder(), _directory));

        Assert.StartsWith($"{path}: damaged sentence vector cache: its header is cut short", error.Message);
    }

    [Fact]
    public void SecondOpenWhileTheFirstIsOpen_IsALockError()
    {
        using var first = new CachedSentenceEncoder(new CountingEncoder(), _directory);

        var error = Assert.Throws<DialogueActsException>(() => new CachedSentenceEncoder(new CountingEncoder(), _directory));

        Assert.Equal($"{first.FilePath}: the sentence vector cache is in use by another process (one process at a time may use it)", error.Message);
        first.Dispose();
        using var afterClose = new CachedSentenceEncoder(new CountingEncoder(), _directory);
    }

    [Fact]
    public void ConcurrentCalls_EncodeEachDistinctTextOnce()
    {
        var inner = new CountingEncoder();
        using var cache = new CachedSentenceEncoder(inner, _directory);
        string[][] calls = Enumerable.Range(0, 8).Select(c => Enumerable.Range(c, 20).Select(i => $"text {i % 25}").ToArray()).ToArray();

        float[][][] results = new float[calls.Length][][];
        Parallel.For(0, calls.Length, c => results[c] = cache.Encode(calls[c]));

        Assert.Equal(25, inner.TextsEncoded);
        Assert.Equal(25, cache.Count);
        for (int c = 0; c < calls.Length; c++)
        {
            for (int i = 0; i < calls[c].Length; i++) AssertBitwiseEqual(inner.Vector(calls[c][i]), results[c][i]);
        }
    }
}
