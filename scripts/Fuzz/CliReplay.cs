using System.Diagnostics;

namespace DialogueActs.Fuzz;

/// <summary>
/// Replays rejected cases through the real <c>dialogue-acts</c> program: a corpus through
/// <c>predict --input</c> (cases that needed no labels), a config through <c>train --config</c>, a model
/// through <c>predict --model</c>. Each must exit 1 with exactly one <c>error: </c> line on standard
/// error and no stack trace.
/// </summary>
public sealed class CliReplay
{
    private readonly string _modelPath;
    private readonly string _workDirectory;
    private readonly string _cliPath = Path.Combine(AppContext.BaseDirectory, "dialogue-acts.dll");

    /// <summary>A replay using the valid model <paramref name="modelPath"/>; case files go to <paramref name="workDirectory"/>.</summary>
    public CliReplay(string modelPath, string workDirectory)
    {
        _modelPath = modelPath;
        _workDirectory = workDirectory;
        Directory.CreateDirectory(workDirectory);
    }

    /// <summary>Replays up to <paramref name="count"/> of the rejected samples of <paramref name="result"/>, evenly spread.</summary>
    public void Replay(TargetResult result, int count)
    {
        var samples = result.RejectedSamples
            .Where(s => result.Name is not ("csv" or "jsonl") || s.Input.Variant == "labels-optional")
            .ToList();
        if (result.Name is "http" or "session" || samples.Count == 0 || count <= 0)
        {
            return;
        }
        int step = Math.Max(1, samples.Count / count);
        foreach (var (index, input, message) in samples.Where((_, i) => i % step == 0).Take(count))
        {
            string[] args = Arguments(result.Name, index, input);
            var (exitCode, stderr) = Run(args);
            result.CliCases++;
            string[] lines = stderr.TrimEnd('\r', '\n').Split('\n');
            if (exitCode != 1 || lines.Length != 1 || !lines[0].StartsWith("error: ", StringComparison.Ordinal) || stderr.Contains("   at ", StringComparison.Ordinal))
            {
                result.CliFailures.Add($"{result.Name} case {index} via 'dialogue-acts {string.Join(' ', args)}': exit {exitCode}, stderr: {ErrorContract.Summary(stderr)} (in process: {ErrorContract.Summary(message)})");
            }
        }
    }

    private string[] Arguments(string target, int index, FuzzInput input)
    {
        string output = Path.Combine(_workDirectory, "out.jsonl");
        switch (target)
        {
            case "csv":
            case "jsonl":
                string corpus = Path.Combine(_workDirectory, $"case-{index}.{target}");
                File.WriteAllBytes(corpus, input.Bytes);
                return ["predict", "--model", _modelPath, "--input", corpus, "--output", output];
            case "config":
                string config = Path.Combine(_workDirectory, $"case-{index}.json");
                File.WriteAllBytes(config, input.Bytes);
                return ["train", "--config", config, "--out", Path.Combine(_workDirectory, "run")];
            default:
                string model = Path.Combine(_workDirectory, $"case-{index}.zip");
                File.WriteAllBytes(model, input.Bytes);
                string valid = Path.Combine(_workDirectory, "valid.csv");
                File.WriteAllBytes(valid, SeedCorpus.Csv(2, 5));
                return ["predict", "--model", model, "--input", valid, "--output", output];
        }
    }

    private (int ExitCode, string Stderr) Run(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(_cliPath);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 2 minutes");
        }
        _ = stdout.Result;
        return (process.ExitCode, stderr.Result);
    }
}
