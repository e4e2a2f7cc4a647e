using System.Globalization;
using System.Text;

namespace DialogueActs.Fuzz;

/// <summary>The per-parser table of a run, as Markdown.</summary>
public static class FuzzReport
{
    /// <summary>One row per parser: cases, accepted, rejected, failures, hangs, CLI replays and wall time; then a total row.</summary>
    public static string Table(IReadOnlyList<TargetResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| parser | cases | accepted | rejected | failures | hangs | CLI replays (failed) | wall time |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Cases:N0} | {r.Accepted:N0} | {r.Rejected:N0} | {r.Unhandled:N0} | {r.Hangs:N0} | {r.CliCases} ({r.CliFailures.Count}) | {r.Elapsed.TotalSeconds:F1} s |");
        }
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| total | {results.Sum(r => r.Cases):N0} | {results.Sum(r => r.Accepted):N0} | {results.Sum(r => r.Rejected):N0} | {results.Sum(r => r.Unhandled):N0} | {results.Sum(r => r.Hangs):N0} | {results.Sum(r => r.CliCases)} ({results.Sum(r => r.CliFailures.Count)}) | {results.Sum(r => r.Elapsed.TotalSeconds):F1} s |");
        return text.ToString();
    }

    /// <summary>The <paramref name="top"/> most frequent kinds of rejection of each parser.</summary>
    public static string RejectionKinds(IReadOnlyList<TargetResult> results, int top)
    {
        var text = new StringBuilder();
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{r.Name}: {r.RejectionKinds.Count} kinds of rejection; most frequent:");
            foreach (var (kind, count) in r.RejectionKinds.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(top))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {count,6:N0}  {kind}");
            }
        }
        return text.ToString();
    }
}
