using DialogueActs.Modeling.Transformers;
using DialogueActs.Onnx;
using DialogueActs.Transformers;
using Microsoft.ML.OnnxRuntime;

namespace DialogueActs.Tests.Transformers;

/// <summary>
/// Loaded once for the test class (about 3 s): the TorchSharp encoder, the tokenizer, an ONNX Runtime session over
/// the same model (the reference for the hidden states) and today's ONNX Runtime sentence encoder.
/// </summary>
public sealed class MiniLmTorchFixture : IDisposable
{
    private readonly SessionOptions _options = new() { IntraOpNumThreads = 2, InterOpNumThreads = 1 };

    public MiniLmTorchFixture()
    {
        Session = new InferenceSession(DialogueActs.Onnx.MiniLmResources.ReadModel(), _options);
    }

    public BertEncoder Encoder { get; } = MiniLm.LoadEncoder();

    public MiniLmTokenizer Tokenizer { get; } = new();

    public InferenceSession Session { get; }

    public MiniLmSentenceEncoder SentenceEncoder { get; } = new(intraOpThreads: 2);

    public void Dispose()
    {
        Encoder.Dispose();
        Session.Dispose();
        _options.Dispose();
        SentenceEncoder.Dispose();
    }
}
