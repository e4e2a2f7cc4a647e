using DialogueActs.Data;
using DialogueActs.Modeling.Transformers;
using DialogueActs.Onnx;
using DialogueActs.Transformers;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Benchmarks;

/// <summary>
/// Measures all-MiniLM-L6-v2's frozen sentence vector (mean-pooled, normalised) three ways over the same distinct texts
/// of a corpus: ONNX Runtime (<see cref="MiniLmSentenceEncoder"/>), and the TorchSharp encoder in float32 and in
/// bfloat16 (where the CPU computes it natively), shortest texts first in batches of about 4,096 word pieces, as the
/// transformer features run their frozen layers. Each way runs once untimed on the first texts, then once timed.
/// </summary>
public static class EncoderBenchmark
{
    /// <summary>Padded word pieces per TorchSharp batch (as the features' frozen pass).</summary>
    private const int PiecesPerBatch = 4096;

    /// <summary>Runs the benchmark.</summary>
    /// <param name="dataPath">A corpus CSV with the default columns (conversation_id, utterance_index, speaker, text).</param>
    /// <param name="count">Distinct texts to encode (the corpus's first ones).</param>
    /// <param name="threads">Torch threads and ONNX Runtime intra-op threads.</param>
    /// <param name="log">Progress messages.</param>
    public static EncoderBenchmarkResult Run(string dataPath, int count, int threads, Action<string> log)
    {
        torch.set_num_threads(threads);
        var texts = CorpusReader.Read(dataPath, new ColumnMapping { Label = null }, requireLabels: false)
            .SelectMany(c => c.Utterances).Select(u => u.Text).Distinct(StringComparer.Ordinal).Take(count).ToArray();
        log($"{dataPath}: {texts.Length} distinct texts; threads {threads}; bfloat16 native: {CpuFeatures.HasFastBFloat16}");
        var warmup = texts.Take(64).ToArray();

        double onnx;
        using (var encoder = new MiniLmSentenceEncoder(threads))
        {
            encoder.Encode(warmup);
            onnx = texts.Length / Timing.Seconds(() => encoder.Encode(texts));
        }
        log($"  ONNX Runtime: {onnx:F1} texts/s");

        var tokenizer = new MiniLmTokenizer();
        var pieces = texts.Select(tokenizer.Encode).ToArray();
        double TorchSharp(ScalarType type)
        {
            using var transformer = new MiniLmTransformer(type);
            Pooled(transformer.FrozenEncoder, pieces.Take(64).ToArray());
            double rate = texts.Length / Timing.Seconds(() => Pooled(transformer.FrozenEncoder, pieces));
            log($"  TorchSharp {transformer.FrozenEncoder.parameters().First().dtype}: {rate:F1} texts/s");
            return rate;
        }
        double float32 = TorchSharp(ScalarType.Float32);
        double bfloat16 = CpuFeatures.HasFastBFloat16 ? TorchSharp(ScalarType.BFloat16) : double.NaN;
        return new EncoderBenchmarkResult(texts.Length, onnx, float32, bfloat16);
    }

    /// <summary>The normalised mean-pooled last state of every text, <c>[texts, hidden]</c> as managed rows.</summary>
    private static float[][] Pooled(BertEncoder encoder, long[][] pieces)
    {
        var order = Enumerable.Range(0, pieces.Length).OrderBy(i => pieces[i].Length).ToArray();
        var result = new float[pieces.Length][];
        using var noGrad = no_grad();
        for (int done = 0; done < order.Length;)
        {
            int count = 1;
            while (done + count < order.Length && (count + 1) * pieces[order[done + count]].Length <= PiecesPerBatch) count++;
            using var scope = NewDisposeScope();
            var rows = order.AsSpan(done, count).ToArray();
            var (ids, mask) = TokenBatch.Pad(rows.Select(r => pieces[r]).ToArray());                          // [n, P] each
            var last = encoder.RunLayers(encoder.Embed(ids), mask, 0, encoder.Layers)[^1];                   // [n, P, H]
            var vectors = SentencePooling.MeanNormalized(last, mask).contiguous();                          // [n, H]
            for (int i = 0; i < rows.Length; i++) result[rows[i]] = vectors[i].data<float>().ToArray();
            done += count;
        }
        return result;
    }
}

/// <summary>What <see cref="EncoderBenchmark"/> measured.</summary>
/// <param name="Texts">Distinct texts encoded.</param>
/// <param name="OnnxTextsPerSecond">ONNX Runtime.</param>
/// <param name="Float32TextsPerSecond">TorchSharp, float32.</param>
/// <param name="BFloat16TextsPerSecond">TorchSharp, bfloat16 (NaN where the CPU lacks it).</param>
public sealed record EncoderBenchmarkResult(int Texts, double OnnxTextsPerSecond, double Float32TextsPerSecond, double BFloat16TextsPerSecond);
