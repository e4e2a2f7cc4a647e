using DialogueActs.Onnx;

namespace DialogueActs.Tests.Onnx;

/// <summary>Loads the model once (about 3 s) for all tests of the class.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmSentenceEncoder Encoder { get; } = new(intraOpThreads: 2);

    public void Dispose() => Encoder.Dispose();
}

public sealed class MiniLmSentenceEncoderTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    private readonly MiniLmSentenceEncoder _encoder = fixture.Encoder;

    private static readonly string[] Texts =
    [
        "Okay.",
        "Uh, first, um, I need to know, uh, how do you feel about, uh, about sending, uh, an elderly, uh, family member to a nursing home?",
        "",
        "Yeah.",
        "{D Well, } I don't know. /",
        "<laughter> That's right.",
        "We went camping last summer in the mountains near the lake, and it rained every single day.",
        "Uh-huh.",
    ];

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }

    private static double MaxRelativeDifference(float[] a, float[] b)
    {
        double difference = 0;
        for (int i = 0; i < a.Length; i++) difference += (a[i] - (double)b[i]) * (a[i] - b[i]);
        return Math.Sqrt(difference) / Math.Sqrt(Dot(b, b));
    }

    [Fact]
    public void Vectors_HaveDimension384_AndUnitNorm()
    {
        float[][] vectors = _encoder.Encode(Texts);

        Assert.Equal(384, _encoder.Dimension);
        Assert.Equal(Texts.Length, vectors.Length);
        foreach (float[] vector in vectors)
        {
            Assert.Equal(384, vector.Length);
            Assert.All(vector, value => Assert.True(float.IsFinite(value)));
            Assert.InRange(Math.Sqrt(Dot(vector, vector)), 1 - 1e-5, 1 + 1e-5);
        }
    }

    [Fact]
    public void Batched_AgreesWithEachTextAlone()
    {
        // Different lengths in one call: padded batches must give each text's own vector.
        float[][] batched = _encoder.Encode(Texts);
        for (int i = 0; i < Texts.Length; i++)
        {
            float[] alone = _encoder.Encode([Texts[i]])[0];
            Assert.True(MaxRelativeDifference(batched[i], alone) < 1e-4, $"text {i}: relative difference {MaxRelativeDifference(batched[i], alone)}");
        }
    }

    [Fact]
    public void Paraphrase_IsCloserThanUnrelatedText()
    {
        float[][] v = _encoder.Encode(["How old are you?", "What is your age?", "The train to Boston leaves from platform four."]);
        double paraphrase = Dot(v[0], v[1]);
        double unrelated = Dot(v[0], v[2]);

        Assert.True(paraphrase > 0.6, $"paraphrase cosine {paraphrase}");
        Assert.True(paraphrase - unrelated > 0.4, $"paraphrase cosine {paraphrase}, unrelated {unrelated}");
    }

    [Fact]
    public void EmptyString_GivesAUnitVector_DifferentFromAWord()
    {
        float[][] v = _encoder.Encode(["", "  ", "Okay."]);

        Assert.InRange(Math.Sqrt(Dot(v[0], v[0])), 1 - 1e-5, 1 + 1e-5);
        Assert.True(MaxRelativeDifference(v[1], v[0]) < 1e-4, "whitespace only encodes as the empty text");
        Assert.True(Dot(v[0], v[2]) < 0.99);
    }

    [Fact]
    public void Tokenizer_IsUncased_StripsAccents_AndKeepsAngleBrackets()
    {
        // The test process runs with invariant globalization (Directory.Build.props), as the CLI does.
        float[][] v = _encoder.Encode(["I DON'T Know", "i don't know", "<laughter>", "laughter", "CAFÉ Résumé", "cafe resume"]);

        Assert.True(MaxRelativeDifference(v[0], v[1]) < 1e-4, "uppercase is lowercased, as BERT's uncased tokenizer does");
        Assert.True(MaxRelativeDifference(v[4], v[5]) < 1e-4, "accents are stripped, as BERT's uncased tokenizer does");
        Assert.True(Dot(v[2], v[3]) < 0.999, "the brackets of <laughter> are word pieces of their own, not dropped");
    }

    [Fact]
    public void LongText_IsCutAtMaxSequenceLength()
    {
        // 300 single-piece words: only the first 254 fit between [CLS] and [SEP].
        string words = string.Join(" ", Enumerable.Repeat("yes", 150).Concat(Enumerable.Repeat("no", 150)));
        string longer = words + " " + string.Join(" ", Enumerable.Repeat("maybe", 100));
        string[] texts = [words, longer, string.Join(" ", Enumerable.Repeat("yes", 150).Concat(Enumerable.Repeat("no", 104)))];

        float[][] v = _encoder.Encode(texts);

        Assert.True(MaxRelativeDifference(v[1], v[0]) < 1e-4, "words past the limit change nothing");
        Assert.True(MaxRelativeDifference(v[2], v[0]) < 1e-4, "the text is cut after 254 word pieces");
    }

    [Fact]
    public void Id_IsStableAcrossInstances_AndNamesModelPoolingAndHash()
    {
        using var second = new MiniLmSentenceEncoder(intraOpThreads: 1, maxBatchSize: 3);

        Assert.Equal(_encoder.Id, second.Id);
        Assert.Matches("^all-MiniLM-L6-v2/mean-normalized/max256/sha256:[0-9a-f]{16}$", _encoder.Id);
        // Another batch size and thread count give the same vectors.
        float[][] a = _encoder.Encode(Texts);
        float[][] b = second.Encode(Texts);
        for (int i = 0; i < Texts.Length; i++) Assert.True(MaxRelativeDifference(a[i], b[i]) < 1e-4);
    }

    [Fact]
    public void Encode_AfterDispose_Throws()
    {
        var encoder = new MiniLmSentenceEncoder(intraOpThreads: 1);
        encoder.Dispose();

        Assert.Throws<ObjectDisposedException>(() => encoder.Encode(["Okay."]));
    }

    [Fact]
    public void ConcurrentCalls_GiveTheSameVectors()
    {
        float[][] expected = _encoder.Encode(Texts);
        float[][][] results = new float[4][][];
        Parallel.For(0, results.Length, i => results[i] = _encoder.Encode(Texts));

        foreach (float[][] result in results)
        {
            for (int i = 0; i < Texts.Length; i++) Assert.True(MaxRelativeDifference(result[i], expected[i]) < 1e-4);
        }
    }
}
