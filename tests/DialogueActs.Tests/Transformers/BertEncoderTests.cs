using DialogueActs.Modeling.Transformers;
using DialogueActs.Transformers;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Transformers;

public sealed class BertEncoderTests(MiniLmTorchFixture fixture, ITestOutputHelper output) : IClassFixture<MiniLmTorchFixture>
{
    private const int Hidden = 384;
    private readonly BertEncoder _encoder = fixture.Encoder;

    private long[][] Tokenize(IEnumerable<string> texts) => texts.Select(fixture.Tokenizer.Encode).ToArray();

    // last_hidden_state [rows, tokens, hidden] of ONNX Runtime for a padded batch, flattened.
    private float[] OnnxLastHidden(long[][] pieces, out int tokens)
    {
        tokens = pieces.Max(p => p.Length);
        var ids = new long[pieces.Length * tokens];
        var mask = new long[pieces.Length * tokens];
        for (int r = 0; r < pieces.Length; r++)
        {
            pieces[r].CopyTo(ids, r * tokens);
            mask.AsSpan(r * tokens, pieces[r].Length).Fill(1);
        }
        long[] shape = [pieces.Length, tokens];
        using OrtValue idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using OrtValue maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using OrtValue typesValue = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var runOptions = new RunOptions();
        using var outputs = fixture.Session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], ["last_hidden_state"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    // Every hidden state of a padded batch, each [rows, tokens, hidden] flattened.
    private float[][] TorchStates(long[][] pieces)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (ids, mask) = TokenBatch.Pad(pieces);
        return _encoder.forward(ids, mask).Select(s => s.data<float>().ToArray()).ToArray();
    }

    private static float MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        float max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    [Fact]
    public void LastHiddenState_EqualsOnnxRuntime_OnVariedTextsInPaddedBatches()
    {
        string[] texts = VariedTexts.Generate(200, seed: 7);
        long[][] pieces = Tokenize(texts);
        Assert.Contains(pieces, p => p.Length == MiniLmTokenizer.MaxSequenceLength);                          // long texts are cut, and take part
        float worst = 0;
        float largest = 0;
        // Batches of 12 texts of similar length (as the encoders batch), so most rows are padded a little; the
        // padding test below pads heavily. Only real tokens are compared: the states at padded positions are
        // never used (pooling masks them) and differ between the runtimes by up to about 1e-4.
        long[][] byLength = [.. pieces.OrderBy(p => p.Length)];
        foreach (long[][] batch in byLength.Chunk(12))
        {
            float[] expected = OnnxLastHidden(batch, out int tokens);
            float[] actual = TorchStates(batch)[^1];
            for (int r = 0; r < batch.Length; r++)
            {
                int start = r * tokens * Hidden, real = batch[r].Length * Hidden;
                worst = Math.Max(worst, MaxDifference(actual.AsSpan(start, real), expected.AsSpan(start, real)));
                largest = Math.Max(largest, expected.AsSpan(start, real).ToArray().Max(Math.Abs));
            }
        }
        output.WriteLine($"{texts.Length} texts: largest difference from ONNX Runtime {worst:E2}, largest value {largest:F2}");
        Assert.True(largest > 1, $"the states are too small for the comparison to mean anything: largest {largest}");
        Assert.True(worst < 1e-4, $"largest difference from ONNX Runtime {worst} (largest value {largest})");
    }

    [Fact]
    public void MeanPooledVector_EqualsTheOnnxRuntimeSentenceEncoder()
    {
        string[] texts = VariedTexts.Generate(60, seed: 11);
        float[][] expected = fixture.SentenceEncoder.Encode(texts);
        long[][] pieces = Tokenize(texts);
        int row = 0;
        float worst = 0;
        foreach (long[][] batch in pieces.Chunk(16))
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (ids, mask) = TokenBatch.Pad(batch);
            Tensor vectors = SentencePooling.MeanNormalized(_encoder.forward(ids, mask)[^1], mask);             // [batch, 384]
            Assert.Equal([batch.Length, Hidden], vectors.shape);
            float[] values = vectors.data<float>().ToArray();
            for (int r = 0; r < batch.Length; r++, row++)
            {
                worst = Math.Max(worst, MaxDifference(values.AsSpan(r * Hidden, Hidden), expected[row]));
            }
        }
        output.WriteLine($"{texts.Length} texts: largest difference from MiniLmSentenceEncoder {worst:E2}");
        Assert.True(worst < 1e-5, $"largest difference from MiniLmSentenceEncoder {worst}");
    }

    [Fact]
    public void Padding_DoesNotChangeARealTokensState_InAnyLayer()
    {
        long[][] pieces = Tokenize(["Okay.", "Uh-huh, that's right.", "", VariedTexts.Fixed[13]]);
        long[] longest = Tokenize([string.Join(" ", Enumerable.Repeat("we went camping", 40))])[0];
        float[][] batched;
        using (var scope = NewDisposeScope())
        using (var noGrad = no_grad())
        {
            var (ids, mask) = TokenBatch.Pad([.. pieces, longest]);
            // Whatever the padded positions hold must not matter: fill them with random word pieces.
            Tensor noise = randint(1000, 30000, ids.shape, dtype: ScalarType.Int64);
            Tensor noisyIds = where(mask.to(ScalarType.Bool), ids, noise);
            batched = _encoder.forward(noisyIds, mask).Select(s => s.data<float>().ToArray()).ToArray();
        }
        int tokens = longest.Length;
        for (int r = 0; r < pieces.Length; r++)
        {
            float[][] alone = TorchStates([pieces[r]]);
            int real = pieces[r].Length * Hidden;
            for (int layer = 0; layer < alone.Length; layer++)
            {
                float difference = MaxDifference(batched[layer].AsSpan(r * tokens * Hidden, real), alone[layer]);
                Assert.True(difference < 1e-5, $"text {r}, state {layer}: padding changed a real token by {difference}");
            }
        }
    }

    [Fact]
    public void LayersRunInTwoParts_GiveTheFullRunsStates()
    {
        long[][] pieces = Tokenize(VariedTexts.Fixed.Take(10));
        float[][] full = TorchStates(pieces);
        for (int k = 0; k <= _encoder.Layers; k++)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (ids, mask) = TokenBatch.Pad(pieces);
            Tensor embedded = _encoder.Embed(ids);
            Tensor[] lower = _encoder.RunLayers(embedded, mask, 0, k);
            Tensor[] upper = _encoder.RunLayers(k == 0 ? embedded : lower[^1], mask, k, _encoder.Layers);
            Tensor[] states = [embedded, .. lower, .. upper];
            Assert.Equal(full.Length, states.Length);
            for (int i = 0; i < states.Length; i++)
            {
                float difference = MaxDifference(states[i].data<float>().ToArray(), full[i]);
                Assert.True(difference <= 1e-6, $"split at {k}, state {i}: {difference}");
            }
        }
    }

    [Fact]
    public void LowerLayersCachedPerText_ThenUpperLayersBatched_GiveTheFullRunsStates()
    {
        const int k = 4;
        long[][] pieces = Tokenize(VariedTexts.Generate(12, seed: 3).Skip(VariedTexts.Fixed.Length - 4));
        float[] full = TorchStates(pieces)[^1];
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // The frozen lower part once per text, unpadded, kept as [tokens, hidden] ...
        Tensor[] cache = pieces.Select(p =>
        {
            var (ids, mask) = TokenBatch.Pad([p]);
            return _encoder.RunLayers(_encoder.Embed(ids), mask, 0, k)[^1][0];                               // [tokens, hidden]
        }).ToArray();
        // ... then padded into a batch for the upper part.
        var (_, batchMask) = TokenBatch.Pad(pieces);
        Tensor padded = nn.utils.rnn.pad_sequence(cache, batch_first: true);                                   // [texts, longest, hidden]
        float[] top = _encoder.RunLayers(padded, batchMask, k, _encoder.Layers)[^1].data<float>().ToArray();
        int longest = pieces.Max(p => p.Length);
        for (int r = 0; r < pieces.Length; r++)
        {
            int start = r * longest * Hidden, real = pieces[r].Length * Hidden;
            float difference = MaxDifference(top.AsSpan(start, real), full.AsSpan(start, real));
            Assert.True(difference < 1e-5, $"text {r}: {difference}");
        }
    }

    [Fact]
    public void Parameters_CarryHuggingFaceBertNames()
    {
        string[] names = _encoder.named_parameters().Select(p => p.name).ToArray();

        Assert.Equal(5 + 6 * 16, names.Length);
        Assert.Contains("embeddings.word_embeddings.weight", names);
        Assert.Contains("embeddings.position_embeddings.weight", names);
        Assert.Contains("embeddings.token_type_embeddings.weight", names);
        Assert.Contains("embeddings.LayerNorm.bias", names);
        foreach (string suffix in new[] { "attention.self.query.weight", "attention.self.key.bias", "attention.self.value.weight",
                                          "attention.output.dense.weight", "attention.output.LayerNorm.weight",
                                          "intermediate.dense.weight", "output.dense.bias", "output.LayerNorm.bias" })
        {
            Assert.Contains($"encoder.layer.5.{suffix}", names);
        }
        Assert.Equal([1536, 384], _encoder.named_parameters().Single(p => p.name == "encoder.layer.0.intermediate.dense.weight").parameter.shape);
    }

    [Fact]
    public void Gradients_ReachTheUpperLayers_AndNoFrozenParameter()
    {
        var options = new BertEncoderOptions(VocabularySize: 50, HiddenSize: 16, Layers: 6, Heads: 4, IntermediateSize: 32, MaxPositions: 32, TokenTypes: 2, LayerNormEpsilon: 1e-12, Dropout: 0.1);
        using var encoder = new BertEncoder(options);
        encoder.train();
        var (ids, mask) = TokenBatch.Pad([[1, 5, 7, 2], [1, 9, 2]]);
        Tensor target = randn(2, 16);

        void Step()
        {
            using var scope = NewDisposeScope();
            foreach (var p in encoder.parameters()) p.grad = null;
            Tensor[] states = encoder.forward(ids, mask);
            Tensor pooled = SentencePooling.Mean((states[^1] + states[^2]) / 2, mask);                          // [2, 16]
            (pooled * target).sum().backward();
        }

        encoder.FreezeBelow(4);
        Step();
        foreach (var (name, parameter) in encoder.named_parameters())
        {
            bool trained = name.StartsWith("encoder.layer.4.", StringComparison.Ordinal) || name.StartsWith("encoder.layer.5.", StringComparison.Ordinal);
            if (trained)
                Assert.True(parameter.grad is { } g && g.abs().sum().item<float>() > 0, $"{name} got no gradient");
            else
                Assert.True(parameter.grad is null, $"frozen {name} got a gradient");
        }

        encoder.FreezeBelow(0);
        Step();
        foreach (var (name, parameter) in encoder.named_parameters())
            Assert.True(parameter.grad is { } g && g.abs().sum().item<float>() > 0, $"{name} got no gradient after unfreezing");
    }
}
