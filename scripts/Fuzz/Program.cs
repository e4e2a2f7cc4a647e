using System.Diagnostics;
using System.Globalization;
using DialogueActs.Fuzz;

// Fuzzes the parsers; exit 0 when every case was accepted or rejected the documented way, 1 on any
// failure, 2 on bad arguments.
// usage: dotnet run --project scripts/Fuzz -c Release -- [--cases N] [--seed S] [--timeout SECONDS]
//        [--out DIR] [--targets csv,jsonl,config,model.zip,http,session] [--cli-samples N] [--only INDEX]
var settings = new FuzzSettings();
try
{
    for (int i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]}: needs a value");
        int Number() => int.Parse(Value(), CultureInfo.InvariantCulture);
        settings = args[i] switch
        {
            "--cases" => settings with { Cases = Number() },
            "--seed" => settings with { Seed = Number() },
            "--timeout" => settings with { CaseTimeout = TimeSpan.FromSeconds(Number()) },
            "--out" => settings with { OutputDirectory = Value() },
            "--targets" => settings with { Targets = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
            "--cli-samples" => settings with { CliSamples = Number() },
            "--only" => settings with { OnlyCase = Number(), CliSamples = 0 },
            _ => throw new ArgumentException($"unknown option '{args[i]}'"),
        };
    }
    if (settings.Targets.FirstOrDefault(t => !FuzzSettings.AllTargets.Contains(t)) is { } unknown)
    {
        throw new ArgumentException($"--targets: unknown parser '{unknown}' (expected {string.Join(", ", FuzzSettings.AllTargets)})");
    }
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

var clock = Stopwatch.StartNew();
using var session = new FuzzSession(settings, Console.Error);
var results = session.Run();
Console.WriteLine($"seed {settings.Seed}, {settings.Cases:N0} cases per parser, timeout {settings.CaseTimeout.TotalSeconds:F0} s, total wall time {clock.Elapsed.TotalSeconds:F0} s");
Console.WriteLine(FuzzReport.Table(results));
Console.WriteLine(FuzzReport.RejectionKinds(results, top: 8));
bool passed = results.All(r => r.Passed);
if (!passed)
{
    Console.WriteLine($"failing inputs: {Path.GetFullPath(Path.Combine(settings.OutputDirectory, "failures.txt"))}");
}
return passed ? 0 : 1;
