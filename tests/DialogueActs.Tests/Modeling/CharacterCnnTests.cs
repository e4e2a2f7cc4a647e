using DialogueActs.Modeling;
using DialogueActs.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Modeling;

public sealed class CharacterCnnTests
{
    private static Tensor RandomCharacters(int tokens, Random random)
    {
        var ids = new long[tokens * CharacterIds.PerToken];
        for (int t = 0; t < tokens; t++)
        {
            int length = 1 + random.Next(CharacterIds.PerToken);                                           // the rest is padding (0)
            for (int c = 0; c < length; c++) ids[t * CharacterIds.PerToken + c] = 1 + random.Next(CharacterIds.Count - 1);
        }
        return torch.tensor(ids, new long[] { tokens, CharacterIds.PerToken });                           // [n, C]
    }

    /// <summary>The windowed matrix product equals libtorch's width-3, padding-1 convolution on the same parameters.</summary>
    [Fact]
    public void EqualsTheConvolutionItsParametersDescribe()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        using var cnn = new CharacterCnn(embeddingDim: 5, filters: 7);
        var characters = RandomCharacters(40, new Random(2));
        var parameters = cnn.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach());
        var embedded = parameters["_embedding.weight"].index_select(0, characters.view(-1)).view(40, CharacterIds.PerToken, -1).transpose(1, 2); // [n, d, C]
        var expected = torch.tanh(nn.functional.conv1d(embedded, parameters["_convolution.weight"], parameters["_convolution.bias"], padding: 1))
            .amax(new long[] { 2 });                                                                        // [n, F]
        var actual = cnn.call(characters);                                                                  // [n, F]
        Assert.Equal(new long[] { 40, 7 }, actual.shape);
        Assert.True(actual.allclose(expected, rtol: 0, atol: 1e-6), $"max difference {(actual - expected).abs().max().item<float>()}");
    }

    /// <summary>
    /// Gradients stay finite when the allocator hands out memory that held NaNs. A bare
    /// <c>conv1d</c> forward and backward on a [n, 4, 16] input with 6 filters gave NaN gradients 3 times
    /// in 200 such repeats on an AVX-512 machine (oneDNN); the windowed product must never. (This test
    /// alone did not reproduce the failure with the old conv1d-based module, whose input was a
    /// transposed view: it guards the property, the equality test above guards the arithmetic.)
    /// </summary>
    [Fact]
    public void GradientsStayFiniteWhenFreedMemoryHeldNaNs()
    {
        var random = new Random(5);
        for (int repeat = 0; repeat < 200; repeat++)
        {
            using var scope = torch.NewDisposeScope();
            for (int j = 0; j < 4; j++) torch.full(new long[] { 1000 + repeat * 37 + j * 101, 64 }, float.NaN).Dispose();
            torch.manual_seed(repeat);
            using var cnn = new CharacterCnn(embeddingDim: 4, filters: 6);
            var features = cnn.call(RandomCharacters(50 + repeat % 7, random));                            // [n, F]
            features.sum().backward();
            Assert.False(features.isnan().any().item<bool>(), $"repeat {repeat}: NaN features");
            foreach (var (name, parameter) in cnn.named_parameters())
                Assert.True(parameter.grad!.isfinite().all().item<bool>(), $"repeat {repeat}: non-finite gradient of {name}");
        }
    }
}
