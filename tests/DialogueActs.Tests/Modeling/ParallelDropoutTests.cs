using DialogueActs.Modeling;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Modeling;

public sealed class ParallelDropoutTests
{
    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    public void KeepsTheRightShareScaledAndNothingElse(double rate)
    {
        const int count = 1_000_003;                                                                   // odd: the last pair is half used
        var mask = ParallelDropout.Mask(count, rate, seed: 12345);
        float scale = (float)(1 / (1 - rate));
        Assert.All(mask, value => Assert.True(value == 0f || value == scale));
        double kept = mask.Count(value => value != 0f) / (double)count;
        // Binomial standard deviation ≈ 0.0005 here: 0.005 is ten of them.
        Assert.InRange(kept, 1 - rate - 0.005, 1 - rate + 0.005);
        // Neighbours and the two halves of one draw are not correlated.
        double both = Enumerable.Range(0, count - 1).Count(i => mask[i] != 0f && mask[i + 1] != 0f) / (double)(count - 1);
        Assert.InRange(both, (1 - rate) * (1 - rate) - 0.005, (1 - rate) * (1 - rate) + 0.005);
    }

    [Fact]
    public void TheMaskDependsOnTheSeedOnlyNotOnTheThreadCount()
    {
        int threads = torch.get_num_threads();
        try
        {
            torch.set_num_threads(1);
            var one = ParallelDropout.Mask(300_001, 0.3, seed: 7);
            torch.set_num_threads(2);
            var two = ParallelDropout.Mask(300_001, 0.3, seed: 7);
            Assert.Equal(one, two);
            Assert.NotEqual(one, ParallelDropout.Mask(300_001, 0.3, seed: 8));
        }
        finally
        {
            torch.set_num_threads(threads);
        }
    }

    [Fact]
    public void TorchManualSeedFixesTheMaskAndTheGradientIsTheMask()
    {
        using var dropout = new ParallelDropout(0.4);
        dropout.train();
        using var input = torch.rand(64, 33);
        torch.manual_seed(5);
        using var first = dropout.call(input);
        torch.manual_seed(5);
        using var leaf = input.clone().requires_grad_(true);
        using var second = dropout.call(leaf);
        Assert.True(first.allclose(second.detach(), rtol: 0, atol: 0));
        Assert.NotEqual(0, first.eq(0).sum().item<long>());

        second.sum().backward();
        using var expected = torch.where(second.detach().eq(0), torch.zeros_like(input), torch.full_like(input, 1 / 0.6));
        Assert.True(leaf.grad!.allclose(expected, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void EvaluationReturnsTheInput()
    {
        using var dropout = new ParallelDropout(0.5);
        dropout.eval();
        using var input = torch.rand(10, 7);
        using var output = dropout.call(input);
        Assert.True(output.allclose(input, rtol: 0, atol: 0));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void RejectsRatesOutsideZeroToOne(double rate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelDropout(rate));
        Assert.StartsWith("The dropout rate must be in [0, 1).", error.Message);
    }
}
