using System.Diagnostics;

namespace DialogueActs.Tests.Cli;

/// <summary>Runs the real <c>dialogue-acts</c> program (copied beside the tests) in a child process.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "dialogue-acts.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dialogue-acts did not finish in 3 minutes");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Asserts a clean failure: exit code 1 and exactly one line, <c>error: {expected}</c>, on stderr.</summary>
    public static void AssertFailsWith(Result result, string expected)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {expected}", result.Stderr.TrimEnd('\n', '\r'));
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
