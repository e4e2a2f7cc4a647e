using System.Security.Cryptography;
using System.Text;
using DialogueActs.Text;

namespace DialogueActs.Tests.Text;

/// <summary>
/// A deterministic stand-in for a pretrained sentence encoder: each text's unit vector comes from the SHA-256 of its
/// text, so equal texts get equal vectors and different texts different ones. Counts its calls and texts.
/// </summary>
internal sealed class HashSentenceEncoder : ISentenceEncoder
{
    private int _calls;
    private long _texts;

    public HashSentenceEncoder(string id = "hash-encoder/v1", int dimension = 6)
    {
        Id = id;
        Dimension = dimension;
    }

    public string Id { get; }

    public int Dimension { get; }

    public int Calls => _calls;

    public long Texts => Interlocked.Read(ref _texts);

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _texts, texts.Count);
        return texts.Select(Vector).ToArray();
    }

    public float[] Vector(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Id + "\n" + text));
        var vector = new float[Dimension];
        for (int i = 0; i < Dimension; i++) vector[i] = hash[i % hash.Length] / 255f - 0.5f + i * 0.01f;
        float norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }
}
