using System.CommandLine;
using DialogueActs.Benchmarks;
using Xunit;

namespace DialogueActs.Tests.Benchmarks;

/// <summary>The code the benchmark subcommands share (scripts/Benchmarks/Shared): CPU description, medians, count checks.</summary>
public sealed class BenchmarkSharedTests
{
    private static readonly string[] TwoProcessors =
    [
        "processor\t: 0",
        "vendor_id\t: GenuineIntel",
        "model name\t: Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz",
        "flags\t\t: fpu vme avx2 bmi2 avx512f avx512dq avx512_bf16 avx512_vnni amx_bf16 amx_tile amx_int8",
        "vmx flags\t: vnmi avx2",
        "",
        "processor\t: 1",
        "model name\t: Another CPU",
        "flags\t\t: fpu avx2",
    ];

    [Fact]
    public void Cpu_TheFirstProcessorsModelAndKernelFlags_InTheOrderListed()
    {
        var cpu = CpuDescription.Parse(TwoProcessors, cores: 2);
        Assert.Equal("Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz", cpu.Model);
        Assert.Equal(["avx2", "avx512f", "avx512_bf16", "avx512_vnni", "amx_bf16", "amx_tile"], cpu.Flags);
        Assert.Equal(2, cpu.Cores);
    }

    [Fact]
    public void Cpu_WithoutModelNameOrFlags_IsUnknownWithNoFlags()
    {
        var cpu = CpuDescription.Parse(["processor\t: 0", "CPU part\t: 0xd0c"], cores: 4);
        Assert.Equal("unknown", cpu.Model);
        Assert.Empty(cpu.Flags);
        Assert.Equal(4, cpu.Cores);
    }

    [Fact]
    public void Median_OddCountIsTheMiddle_EvenCountTheMeanOfTheTwoMiddle()
    {
        Assert.Equal(3.0, Timing.Median([5.0, 1.0, 3.0]));
        Assert.Equal(2.5, Timing.Median([4.0, 1.0, 3.0, 2.0]));
        Assert.Equal(7.0, Timing.Median([7.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Timing.Median(Array.Empty<double>()));
    }

    [Fact]
    public void AtLeast_BelowTheMinimum_NamesTheOptionAndTheValue()
    {
        var repeats = BenchmarkCommand.Count("--repeats", "Passes.", 3);
        var command = new RootCommand { repeats };
        Assert.Equal(3, BenchmarkCommand.AtLeast(command.Parse([]), repeats, 1));
        Assert.Equal(1, BenchmarkCommand.AtLeast(command.Parse(["--repeats", "1"]), repeats, 1));
        var ex = Assert.Throws<DialogueActsException>(() => BenchmarkCommand.AtLeast(command.Parse(["--repeats", "0"]), repeats, 1));
        Assert.Equal("--repeats: must be at least 1, got 0", ex.Message);
    }
}
