using System.Diagnostics;
using System.Text;

namespace DialogueActs.Fuzz;

/// <summary>
/// Runs the cases of each parser: case <c>i</c> draws its input from a generator seeded by the run
/// seed, the parser and <c>i</c>, so any case can be replayed alone (<c>--only i</c>). Each case runs
/// under the per-case timeout. Failing inputs are saved to the output folder with a line in
/// <c>failures.txt</c>; before each case its number is written to <c>current.txt</c>, so a native
/// crash that kills the process still names the case.
/// </summary>
public sealed class FuzzRunner
{
    private readonly FuzzSettings _settings;
    private readonly TextWriter _log;

    /// <summary>A runner with <paramref name="settings"/>, logging progress and failures to <paramref name="log"/>.</summary>
    public FuzzRunner(FuzzSettings settings, TextWriter log)
    {
        _settings = settings;
        _log = log;
    }

    /// <summary>The generator of case <paramref name="index"/> of <paramref name="target"/> for run seed <paramref name="seed"/>.</summary>
    public static Random CaseRandom(int seed, string target, int index)
    {
        int targetHash = 17;
        foreach (char c in target)
        {
            targetHash = unchecked(targetHash * 31 + c);
        }
        return new Random(unchecked((seed * 1_000_003) ^ (targetHash * 7_919) ^ (index * 104_729)));
    }

    /// <summary>Runs every case of <paramref name="target"/>.</summary>
    public TargetResult Run(IFuzzTarget target)
    {
        var result = new TargetResult(target.Name);
        Directory.CreateDirectory(_settings.OutputDirectory);
        string current = Path.Combine(_settings.OutputDirectory, "current.txt");
        var clock = Stopwatch.StartNew();
        int first = _settings.OnlyCase ?? 0;
        int last = _settings.OnlyCase is int only ? only + 1 : _settings.Cases;
        int keepEvery = Math.Max(1, _settings.Cases / Math.Max(1, _settings.CliSamples * 4));
        for (int index = first; index < last; index++)
        {
            FuzzInput input = target.NextInput(CaseRandom(_settings.Seed, target.Name, index));
            File.WriteAllText(current, $"{target.Name} case {index} (seed {_settings.Seed}): {input.Description} {input.Variant}\n");
            CaseResult outcome = RunWithTimeout(target, input);
            result.Add(outcome);
            if (outcome.IsFailure)
            {
                Record(result, target, index, input, outcome);
            }
            else if (outcome.Outcome == CaseOutcome.Rejected && index % keepEvery == 0 && input.Bytes.Length < 1024 * 1024)
            {
                result.RejectedSamples.Add((index, input, outcome.Detail));
            }
            if (_settings.OnlyCase is not null)
            {
                _log.WriteLine($"{target.Name} case {index}: {input.Description} [{input.Variant}] {input.Bytes.Length} bytes -> {outcome.Outcome}: {outcome.Detail}");
                File.WriteAllBytes(Path.Combine(_settings.OutputDirectory, $"{Safe(target.Name)}-{index}{target.Extension}"), input.Bytes);
            }
            if (_settings.ProgressEvery > 0 && (index + 1) % _settings.ProgressEvery == 0)
            {
                _log.WriteLine($"{target.Name}: {index + 1} cases, {result.Unhandled + result.Hangs} failures, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }
        result.Elapsed = clock.Elapsed;
        File.Delete(current);
        return result;
    }

    private CaseResult RunWithTimeout(IFuzzTarget target, FuzzInput input)
    {
        var task = Task.Run(() => target.Run(input));
        try
        {
            if (!task.Wait(_settings.CaseTimeout))
            {
                return new CaseResult(CaseOutcome.Hang, $"no answer in {_settings.CaseTimeout.TotalSeconds:F0} s");
            }
        }
        catch (AggregateException ex)
        {
            return ErrorContract.Classify(ex, "(target)");
        }
        return task.Result;
    }

    private void Record(TargetResult result, IFuzzTarget target, int index, FuzzInput input, CaseResult outcome)
    {
        string file = Path.Combine(_settings.OutputDirectory, $"{Safe(target.Name)}-{index}{target.Extension}");
        File.WriteAllBytes(file, input.Bytes);
        string line = $"{target.Name} case {index} [{input.Description}] [{input.Variant}] {outcome.Outcome}: {outcome.Detail} (input: {file})";
        result.Failures.Add(line);
        File.AppendAllText(Path.Combine(_settings.OutputDirectory, "failures.txt"), line + "\n", Encoding.UTF8);
        _log.WriteLine("FAIL " + line);
    }

    private static string Safe(string name) => name.Replace('.', '-');
}
