using DialogueActs.Training.Configuration;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Configuration;

/// <summary>
/// The LSTM hidden sizes a config may name give libtorch's LSTM the textbook recurrence on this
/// machine's kernels (on AVX-512, sizes whose remainder modulo 32 is 1 to 16 do not; docs/reliability.md).
/// </summary>
public sealed class LstmKernelDefectTests
{
    [Theory]
    [InlineData(17)]
    [InlineData(24)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(128)]
    public void AcceptedSizesMatchTheTextbookLstm(int hidden)
    {
        Assert.False(LstmKernelDefect.Affects(hidden));
        torch.manual_seed(3);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var lstm = nn.LSTM(40, hidden, numLayers: 1, batchFirst: true);
        var x = torch.randn(5, 9, 40);                                                                     // [batch, steps, input]
        var (output, _, _) = lstm.call(x);                                                                 // [batch, steps, hidden]
        var w = lstm.parameters().ToArray();                                                               // w_ih [4H, I], w_hh [4H, H], b_ih [4H], b_hh [4H]
        var h = torch.zeros(5, hidden);
        var c = torch.zeros(5, hidden);
        for (int t = 0; t < 9; t++)
        {
            var gates = (x[.., t, ..].matmul(w[0].t()) + h.matmul(w[1].t()) + w[2] + w[3]).chunk(4, 1); // input, forget, cell, output
            c = gates[1].sigmoid() * c + gates[0].sigmoid() * gates[2].tanh();
            h = gates[3].sigmoid() * c.tanh();                                                             // [batch, hidden]
            Assert.True((output[.., t, ..] - h).abs().max().item<float>() < 1e-5f, $"hidden {hidden}, step {t}");
        }
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(16, true)]
    [InlineData(100, true)]
    [InlineData(31, false)]
    [InlineData(96, false)]
    public void TheRuleIsTheMeasuredOne(int hidden, bool affected) => Assert.Equal(affected, LstmKernelDefect.Affects(hidden));
}
