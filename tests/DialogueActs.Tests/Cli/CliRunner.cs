using System.Diagnostics;

namespace DialogueActs.Tests.Cli;

/// <summary>Runs the real <c>dialogue-acts</c> program (copied beside the tests) in a child process.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args) => Run(new Dictionary<string, string?>(), args);

    /// <summary>Runs the program with <paramref name="environment"/> changed in its environment (a null value removes the variable).</summary>
    public static Result Run(IReadOnlyDictionary<string, string?> environment, params string[] args) => RunIn(null, environment, args);

    /// <summary>Runs the program in <paramref name="workingDirectory"/> (null: this process's) with <paramref name="environment"/> changed.</summary>
    public static Result RunIn(string? workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "dialogue-acts.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
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
