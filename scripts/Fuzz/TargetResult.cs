namespace DialogueActs.Fuzz;

/// <summary>The counts of one parser's run, its failures and the rejected cases kept for the CLI replay.</summary>
public sealed class TargetResult
{
    /// <summary>Creates an empty result for the parser <paramref name="name"/>.</summary>
    public TargetResult(string name) => Name = name;

    /// <summary>The parser's name.</summary>
    public string Name { get; }

    /// <summary>Cases run.</summary>
    public int Cases { get; set; }

    /// <summary>Cases accepted.</summary>
    public int Accepted { get; set; }

    /// <summary>Cases rejected the documented way.</summary>
    public int Rejected { get; set; }

    /// <summary>Cases that ended in an unhandled error.</summary>
    public int Unhandled { get; set; }

    /// <summary>Cases over the per-case timeout.</summary>
    public int Hangs { get; set; }

    /// <summary>Wall time of the parser's cases.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>One line per failing case: index, mutations and what was seen.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Rejected cases (index, input, message) kept for the CLI replay.</summary>
    public List<(int Index, FuzzInput Input, string Message)> RejectedSamples { get; } = [];

    /// <summary>Failures of the CLI replay.</summary>
    public List<string> CliFailures { get; } = [];

    /// <summary>CLI cases replayed.</summary>
    public int CliCases { get; set; }

    /// <summary>True when no case failed, in process or through the CLI.</summary>
    public bool Passed => Unhandled == 0 && Hangs == 0 && CliFailures.Count == 0;

    /// <summary>Rejections by kind (the message with file names, numbers and quoted values blanked), to show which checks the cases reach.</summary>
    public Dictionary<string, int> RejectionKinds { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts <paramref name="result"/>.</summary>
    public void Add(CaseResult result)
    {
        Cases++;
        switch (result.Outcome)
        {
            case CaseOutcome.Accepted: Accepted++; break;
            case CaseOutcome.Rejected:
                Rejected++;
                string kind = Kind(result.Detail);
                RejectionKinds[kind] = RejectionKinds.GetValueOrDefault(kind) + 1;
                break;
            case CaseOutcome.Unhandled: Unhandled++; break;
            case CaseOutcome.Hang: Hangs++; break;
        }
    }

    private static string Kind(string message)
    {
        string kind = System.Text.RegularExpressions.Regex.Replace(message, @"^\S*?(\.csv|\.jsonl|\.json|\.zip)\S*", "FILE");
        kind = System.Text.RegularExpressions.Regex.Replace(kind, @"'[^']*'|""[^""]*""|\d+", "_");
        return kind.Length <= 70 ? kind : kind[..70];
    }
}
