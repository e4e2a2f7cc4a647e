using DialogueActs.Modeling.Transformers;
using DialogueActs.Transformers;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Transformers;

public sealed class OnnxBertWeightsTests
{
    private static ModelProto ReadModel()
    {
        using Stream stream = DialogueActs.Transformers.MiniLmResources.OpenModel();
        return ModelProto.Parser.ParseFrom(stream);
    }

    private static DialogueActsException Refuse(ModelProto model, BertEncoder? encoder = null)
    {
        using var target = encoder is null ? new BertEncoder(BertEncoderOptions.MiniLmL6V2) : null;
        var error = Assert.Throws<DialogueActsException>(() => OnnxBertWeights.Load(encoder ?? target!, model, "model.onnx"));
        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith("model.onnx: ", error.Message);
        return error;
    }

    private static TensorProto MatMulWeightOf(GraphProto graph, string bias)
    {
        NodeProto add = graph.Node.Single(n => n.OpType == "Add" && n.Input.Contains(bias));
        NodeProto matMul = graph.Node.Single(n => n.OpType == "MatMul" && add.Input.Contains(n.Output[0]));
        return graph.Initializer.Single(i => i.Name == matMul.Input[1]);
    }

    [Fact]
    public void TheMiniLmGraph_HasThe148InitializersThisLoaderExpects_And36UnnamedMatMulWeights()
    {
        GraphProto graph = ReadModel().Graph;

        Assert.Equal(148, graph.Initializer.Count);
        var weights = graph.Node.Where(n => n.OpType == "MatMul" && graph.Initializer.Any(i => i.Name == n.Input[1])).ToArray();
        Assert.Equal(36, weights.Length);
        Assert.All(weights, n => Assert.DoesNotContain(".", n.Input[1]));
    }

    [Fact]
    public void AMissingNamedInitializer_IsRefusedByName()
    {
        ModelProto model = ReadModel();
        model.Graph.Initializer.Remove(model.Graph.Initializer.Single(i => i.Name == "embeddings.LayerNorm.weight"));

        Assert.Contains("no initializer embeddings.LayerNorm.weight", Refuse(model).Message);
    }

    [Fact]
    public void AMissingBias_IsRefused_NamingTheWeightItLeadsTo()
    {
        ModelProto model = ReadModel();
        model.Graph.Initializer.Remove(model.Graph.Initializer.Single(i => i.Name == "encoder.layer.2.output.dense.bias"));

        string message = Refuse(model).Message;
        Assert.Contains("encoder.layer.2.output.dense.bias", message);
        Assert.Contains("encoder.layer.2.output.dense.weight", message);
    }

    [Fact]
    public void AWeightOfTheWrongShape_IsRefused_AndNothingIsCopied()
    {
        ModelProto model = ReadModel();
        GraphProto graph = model.Graph;
        // Layer 3's query MatMul now multiplies by the feed-forward weight [384, 1536].
        NodeProto add = graph.Node.Single(n => n.OpType == "Add" && n.Input.Contains("encoder.layer.3.attention.self.query.bias"));
        NodeProto matMul = graph.Node.Single(n => n.OpType == "MatMul" && add.Input.Contains(n.Output[0]));
        matMul.Input[1] = MatMulWeightOf(graph, "encoder.layer.3.intermediate.dense.bias").Name;
        using var encoder = new BertEncoder(BertEncoderOptions.MiniLmL6V2);
        float[] before = encoder.named_parameters().First().parameter.data<float>().ToArray();

        string message = Refuse(model, encoder).Message;

        Assert.Contains("encoder.layer.3.attention.self.query.weight has shape [384, 1536], expected [384, 384]", message);
        Assert.Equal(before, encoder.named_parameters().First().parameter.data<float>().ToArray());
    }

    [Fact]
    public void ANamedInitializerOfTheWrongShape_IsRefused()
    {
        ModelProto model = ReadModel();
        TensorProto positions = model.Graph.Initializer.Single(i => i.Name == "embeddings.position_embeddings.weight");
        positions.Dims[0] = 256;

        Assert.Contains("embeddings.position_embeddings.weight has shape [256, 384], expected [512, 384]", Refuse(model).Message);
    }

    [Fact]
    public void ABiasNoMatMulFeeds_IsRefused()
    {
        ModelProto model = ReadModel();
        NodeProto add = model.Graph.Node.Single(n => n.OpType == "Add" && n.Input.Contains("encoder.layer.1.attention.self.value.bias"));
        add.Input[add.Input.IndexOf("encoder.layer.1.attention.self.value.bias") == 0 ? 1 : 0] = "attention_mask";

        Assert.Contains("no MatMul with a constant weight feeds the Add of encoder.layer.1.attention.self.value.bias", Refuse(model).Message);
    }

    [Fact]
    public void BytesThatAreNotAModel_AreRefused()
    {
        using var encoder = new BertEncoder(BertEncoderOptions.MiniLmL6V2);
        var error = Assert.Throws<DialogueActsException>(() => OnnxBertWeights.Load(encoder, new MemoryStream([0x0A, 0xFF, 0xFF, 0xFF]), "broken.onnx"));

        Assert.StartsWith("broken.onnx: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
