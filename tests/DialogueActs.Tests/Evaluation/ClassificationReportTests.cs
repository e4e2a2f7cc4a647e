using DialogueActs.Training.Evaluation;
using Xunit;

namespace DialogueActs.Tests.Evaluation;

public class ClassificationReportTests
{
    private const double Tolerance = 1e-9;

    /// <summary>
    /// Ten utterances, model labels a, b, c, d (d never occurs and is never predicted).
    /// Confusion matrix [gold, predicted]:
    /// <code>
    ///          pred a  pred b  pred c | support
    ///   gold a    3       1       0   |   4
    ///   gold b    2       2       0   |   4
    ///   gold c    0       1       1   |   2
    ///   --------------------------------------
    ///   predicted 5       4       1   |  10
    /// </code>
    /// accuracy = (3 + 2 + 1) / 10 = 0.6
    /// a: P = 3/5 = 0.6, R = 3/4 = 0.75, F1 = 2*0.6*0.75/(0.6+0.75) = 0.9/1.35 = 2/3
    /// b: P = 2/4 = 0.5, R = 2/4 = 0.5,  F1 = 0.5
    /// c: P = 1/1 = 1,   R = 1/2 = 0.5,  F1 = 2*1*0.5/1.5 = 2/3
    /// d: no support and never predicted: left out of per_class and of the averages (scikit-learn, labels = union).
    /// macro    P = (0.6 + 0.5 + 1)/3 = 0.7;  R = (0.75 + 0.5 + 0.5)/3 = 1.75/3;  F1 = (2/3 + 1/2 + 2/3)/3 = 11/18
    /// weighted P = (0.6*4 + 0.5*4 + 1*2)/10 = 0.64;  R = (0.75*4 + 0.5*4 + 0.5*2)/10 = 0.6;
    ///          F1 = (2/3*4 + 0.5*4 + 2/3*2)/10 = (8/3 + 2 + 4/3)/10 = 0.6
    /// </summary>
    internal static ClassificationReport ThreeClassCase()
    {
        string[] labels = ["a", "b", "c", "d"];
        var pairs = new List<(string Gold, string Predicted)>();
        void Add(string gold, string predicted, int times)
        {
            for (int i = 0; i < times; i++)
            {
                pairs.Add((gold, predicted));
            }
        }
        Add("a", "a", 3);
        Add("a", "b", 1);
        Add("b", "a", 2);
        Add("b", "b", 2);
        Add("c", "b", 1);
        Add("c", "c", 1);
        return ClassificationReport.Compute(
            labels, pairs.Select(p => p.Gold).ToList(), pairs.Select(p => p.Predicted).ToList(), conversationCount: 2);
    }

    [Fact]
    public void Compute_ThreeClassCase_MatchesHandComputedMetrics()
    {
        var report = ThreeClassCase();

        Assert.Equal(0.6, report.Accuracy, Tolerance);
        Assert.Equal(10, report.UtteranceCount);
        Assert.Equal(2, report.ConversationCount);

        AssertMetrics(report.PerClass["a"], 0.6, 0.75, 2.0 / 3, 4);
        AssertMetrics(report.PerClass["b"], 0.5, 0.5, 0.5, 4);
        AssertMetrics(report.PerClass["c"], 1.0, 0.5, 2.0 / 3, 2);
        Assert.False(report.PerClass.ContainsKey("d"));
        Assert.Equal(["a", "b", "c"], report.PerClass.Keys);

        AssertMetrics(report.MacroAverage, 0.7, 1.75 / 3, 11.0 / 18, 10);
        AssertMetrics(report.WeightedAverage, 0.64, 0.6, 0.6, 10);
        Assert.Equal(11.0 / 18, report.MacroF1, Tolerance);
        Assert.Equal(0.6, report.WeightedF1, Tolerance);
    }

    [Fact]
    public void Compute_ThreeClassCase_BuildsConfusionMatrixInModelLabelOrder()
    {
        var report = ThreeClassCase();

        Assert.Equal(["a", "b", "c", "d"], report.Labels);
        int[][] expected = [[3, 1, 0, 0], [2, 2, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0]];
        Assert.Equal(expected.Length, report.ConfusionMatrix.Count);
        for (int g = 0; g < expected.Length; g++)
        {
            Assert.Equal(expected[g], report.ConfusionMatrix[g]);
            for (int p = 0; p < expected.Length; p++)
            {
                Assert.Equal(expected[g][p], report.Count(g, p));
            }
        }
        Assert.Empty(report.UnknownLabels);
    }

    /// <summary>
    /// gold x, y; predicted x, x. y is never predicted: its precision is 0/0 → 0, recall 0/1 = 0, F1 0.
    /// x: P = 1/2, R = 1/1, F1 = 2/3. accuracy 1/2; macro F1 = (2/3 + 0)/2 = 1/3; weighted F1 = (2/3*1 + 0*1)/2 = 1/3.
    /// z is predicted once but has no gold item in a second case: recall 0/0 → 0, precision 0/1 = 0.
    /// </summary>
    [Fact]
    public void Compute_ZeroDivision_YieldsZeroInsteadOfNaN()
    {
        var report = ClassificationReport.Compute(["x", "y"], ["x", "y"], ["x", "x"], 1);

        Assert.Equal(0.5, report.Accuracy, Tolerance);
        AssertMetrics(report.PerClass["x"], 0.5, 1.0, 2.0 / 3, 1);
        AssertMetrics(report.PerClass["y"], 0.0, 0.0, 0.0, 1);
        AssertMetrics(report.MacroAverage, 0.25, 0.5, 1.0 / 3, 2);
        AssertMetrics(report.WeightedAverage, 0.25, 0.5, 1.0 / 3, 2);

        var predictedOnly = ClassificationReport.Compute(["x", "z"], ["x", "x"], ["x", "z"], 1);
        AssertMetrics(predictedOnly.PerClass["z"], 0.0, 0.0, 0.0, 0);
        AssertMetrics(predictedOnly.PerClass["x"], 1.0, 0.5, 2.0 / 3, 2);
        // Macro averages over the union of gold and predicted labels, so z (support 0) counts.
        Assert.Equal(1.0 / 3, predictedOnly.MacroF1, Tolerance);
        // Weighted F1 = (2/3*2 + 0*0)/2.
        Assert.Equal(2.0 / 3, predictedOnly.WeightedF1, Tolerance);
        Assert.All(predictedOnly.PerClass.Values, m => Assert.False(double.IsNaN(m.Precision + m.Recall + m.F1)));
    }

    /// <summary>
    /// Model labels a, b; gold [a, zz, b, zz, a], predicted [a, a, b, b, b]. zz is unknown to the model: both zz
    /// utterances are errors, so accuracy = 2/5. zz gets an extra row/column after a, b: row [1, 1, 0].
    /// a: P = 1/2, R = 1/2; b: P = 1/3, R = 1/1, F1 = 2*1/(3+1) = 1/2; zz: P = R = F1 = 0, support 2.
    /// </summary>
    [Fact]
    public void Compute_UnknownGoldLabel_CountedAsErrorAndListed()
    {
        var report = ClassificationReport.Compute(
            ["a", "b"], ["a", "zz", "b", "zz", "a"], ["a", "a", "b", "b", "b"], 1);

        Assert.Equal(0.4, report.Accuracy, Tolerance);
        Assert.Equal(new Dictionary<string, int> { ["zz"] = 2 }, report.UnknownLabels);
        Assert.Equal(["a", "b", "zz"], report.Labels);
        Assert.Equal([1, 1, 0], report.ConfusionMatrix[2]);
        Assert.Equal([0, 0, 0], report.ConfusionMatrix.Select(row => row[2]));
        AssertMetrics(report.PerClass["zz"], 0.0, 0.0, 0.0, 2);
        AssertMetrics(report.PerClass["a"], 0.5, 0.5, 0.5, 2);
        AssertMetrics(report.PerClass["b"], 1.0 / 3, 1.0, 0.5, 1);
        Assert.Equal((0.5 + 0.5 + 0.0) / 3, report.MacroF1, Tolerance);
        Assert.Equal((0.5 * 2 + 0.5 * 1 + 0.0 * 2) / 5, report.WeightedF1, Tolerance);
        Assert.Equal(5, report.ConfusionMatrix.Sum(row => row.Sum()));
    }

    [Fact]
    public void Compute_UnknownGoldLabels_AppendedInOrdinalOrder()
    {
        var report = ClassificationReport.Compute(["a"], ["zz", "a", "m", "zz"], ["a", "a", "a", "a"], 1);

        Assert.Equal(["a", "m", "zz"], report.Labels);
        Assert.Equal(["m", "zz"], report.UnknownLabels.Keys);
        Assert.Equal(2, report.UnknownLabels["zz"]);
    }

    [Fact]
    public void Compute_PredictionNotAModelLabel_Throws()
    {
        Assert.Throws<ArgumentException>(() => ClassificationReport.Compute(["a"], ["a"], ["q"], 1));
        // An unknown gold label must not be accepted as a prediction either.
        Assert.Throws<ArgumentException>(() => ClassificationReport.Compute(["a"], ["zz", "a"], ["a", "zz"], 1));
    }

    [Fact]
    public void Compute_InvalidInputs_Throw()
    {
        Assert.Throws<ArgumentException>(() => ClassificationReport.Compute(["a"], ["a", "a"], ["a"], 1));
        Assert.Throws<ArgumentException>(() => ClassificationReport.Compute(["a", "a"], ["a"], ["a"], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationReport.Compute(["a"], ["a"], ["a"], -1));
        var ex = Assert.Throws<DialogueActsException>(() => ClassificationReport.Compute(["a"], [], [], 0));
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Compute_PerfectPredictions_AllOnes()
    {
        var report = ClassificationReport.Compute(["a", "b"], ["a", "b", "b"], ["a", "b", "b"], 1);

        Assert.Equal(1.0, report.Accuracy, Tolerance);
        Assert.Equal(1.0, report.MacroF1, Tolerance);
        Assert.Equal(1.0, report.WeightedF1, Tolerance);
    }

    private static void AssertMetrics(ClassMetrics actual, double precision, double recall, double f1, int support)
    {
        Assert.Equal(precision, actual.Precision, Tolerance);
        Assert.Equal(recall, actual.Recall, Tolerance);
        Assert.Equal(f1, actual.F1, Tolerance);
        Assert.Equal(support, actual.Support);
    }
}
