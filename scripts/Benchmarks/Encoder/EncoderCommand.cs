using System.CommandLine;

namespace DialogueActs.Benchmarks;

/// <summary><c>Benchmarks encoder</c>: the frozen all-MiniLM-L6-v2 sentence vector, ONNX Runtime against TorchSharp; see scripts/benchmark-encoder.sh.</summary>
internal static class EncoderCommand
{
    public static Command Create()
    {
        var data = BenchmarkCommand.Path("--data", "Corpus CSV (conversation_id, utterance_index, speaker, text columns) whose distinct texts are encoded.");
        var texts = BenchmarkCommand.Count("--texts", "Distinct texts to encode.", 4000);
        var threads = BenchmarkCommand.Threads("Torch threads and ONNX Runtime intra-op threads.");
        var command = new Command("encoder", "Measure the frozen all-MiniLM-L6-v2 sentence vector: ONNX Runtime, TorchSharp float32 and bfloat16.")
        {
            data, texts, threads,
        };
        BenchmarkCommand.SetAction(command, AllocatorProfile.Serving, parse =>
        {
            var result = EncoderBenchmark.Run(parse.GetValue(data)!, BenchmarkCommand.AtLeast(parse, texts, 1), BenchmarkCommand.AtLeast(parse, threads, 1), BenchmarkCommand.Log);
            return
            [
                new("texts", $"{result.Texts}"),
                new("onnx_texts_per_s", $"{result.OnnxTextsPerSecond:F1}"),
                new("torch_float32_texts_per_s", $"{result.Float32TextsPerSecond:F1}"),
                new("torch_bfloat16_texts_per_s", double.IsNaN(result.BFloat16TextsPerSecond) ? "n/a" : $"{result.BFloat16TextsPerSecond:F1}"),
                new("torch_best_vs_onnx", $"{Math.Max(result.Float32TextsPerSecond, double.IsNaN(result.BFloat16TextsPerSecond) ? 0 : result.BFloat16TextsPerSecond) / result.OnnxTextsPerSecond:F2}"),
            ];
        });
        return command;
    }
}
