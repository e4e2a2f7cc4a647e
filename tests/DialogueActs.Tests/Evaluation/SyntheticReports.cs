using DialogueActs.Training.Evaluation;

namespace DialogueActs.Tests.Evaluation;

/// <summary>Deterministic synthetic evaluation data for report-writing tests.</summary>
internal static class SyntheticReports
{
    /// <summary>
    /// <paramref name="classes"/> model labels with Zipf-like gold frequencies, ~70% correct predictions and one
    /// unknown gold label "zz".
    /// </summary>
    public static ClassificationReport ManyClasses(int classes = 41, int utterances = 5000, int seed = 7)
    {
        var rng = new Random(seed);
        var labels = Enumerable.Range(0, classes).Select(i => i < Swda.Length ? Swda[i] : $"label{i}").ToList();
        var gold = new List<string>();
        var predicted = new List<string>();
        for (int i = 0; i < utterances; i++)
        {
            int g = (int)Math.Min(classes - 1, Math.Floor(-Math.Log(1 - rng.NextDouble()) * classes / 6));
            int p = rng.NextDouble() < 0.7 ? g : rng.Next(Math.Min(classes, 8));
            gold.Add(labels[g]);
            predicted.Add(labels[p]);
        }
        gold.Add("zz");
        predicted.Add(labels[0]);
        return ClassificationReport.Compute(labels, gold, predicted, conversationCount: 42);
    }

    private static readonly string[] Swda =
    [
        "sd", "b", "sv", "aa", "%", "ba", "qy", "x", "ny", "fc", "qw", "nn", "bk", "h", "qy^d", "fo_o_fw_\"_by_bc",
        "bh", "^q", "bf", "na", "ad", "^2", "b^m", "qo", "qh", "^h", "ar", "ng", "br", "no", "fp", "qrr", "arp_nd",
        "t3", "oo_co_cc", "t1", "bd", "aap_am", "^g", "qw^d", "fa",
    ];
}
