using System.Text.Json;
using DialogueActs.Training.Evaluation;
using Xunit;

namespace DialogueActs.Tests.Evaluation;

public sealed class ReportJsonTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dialogueacts-eval-json-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Serialize_HasDocumentedTopLevelKeys()
    {
        using var doc = JsonDocument.Parse(ReportJson.Serialize(ClassificationReportTests.ThreeClassCase()));
        var root = doc.RootElement;

        Assert.Equal(
            ["mode", "accuracy", "macro_f1", "weighted_f1", "n_utterances", "n_conversations", "per_class", "labels",
             "confusion_matrix", "unknown_labels"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.6, root.GetProperty("accuracy").GetDouble(), 1e-12);
        Assert.Equal(11.0 / 18, root.GetProperty("macro_f1").GetDouble(), 1e-12);
        Assert.Equal(0.6, root.GetProperty("weighted_f1").GetDouble(), 1e-12);
        Assert.Equal(10, root.GetProperty("n_utterances").GetInt32());
        Assert.Equal(2, root.GetProperty("n_conversations").GetInt32());
    }

    [Fact]
    public void Serialize_PerClassHasClassesThenAverages()
    {
        using var doc = JsonDocument.Parse(ReportJson.Serialize(ClassificationReportTests.ThreeClassCase()));
        var perClass = doc.RootElement.GetProperty("per_class");

        Assert.Equal(["a", "b", "c", "macro avg", "weighted avg"], perClass.EnumerateObject().Select(p => p.Name));
        foreach (var entry in perClass.EnumerateObject())
        {
            Assert.Equal(["precision", "recall", "f1", "support"], entry.Value.EnumerateObject().Select(p => p.Name));
        }
        var a = perClass.GetProperty("a");
        Assert.Equal(0.6, a.GetProperty("precision").GetDouble(), 1e-12);
        Assert.Equal(0.75, a.GetProperty("recall").GetDouble(), 1e-12);
        Assert.Equal(4, a.GetProperty("support").GetInt32());
        Assert.Equal(10, perClass.GetProperty("macro avg").GetProperty("support").GetInt32());
    }

    [Fact]
    public void Serialize_LabelsAndConfusionMatrixAndUnknownLabels()
    {
        var report = ClassificationReport.Compute(["a", "b"], ["a", "zz", "b"], ["a", "a", "b"], 1);
        using var doc = JsonDocument.Parse(ReportJson.Serialize(report));
        var root = doc.RootElement;

        Assert.Equal(["a", "b", "zz"], root.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
        int[][] matrix = root.GetProperty("confusion_matrix").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(e => e.GetInt32()).ToArray()).ToArray();
        Assert.Equal([[1, 0, 0], [0, 1, 0], [1, 0, 0]], matrix);
        Assert.Equal(1, root.GetProperty("unknown_labels").GetProperty("zz").GetInt32());
    }

    [Fact]
    public void Serialize_NoUnknownLabels_WritesEmptyObject()
    {
        using var doc = JsonDocument.Parse(ReportJson.Serialize(ClassificationReportTests.ThreeClassCase()));

        Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("unknown_labels").ValueKind);
        Assert.Empty(doc.RootElement.GetProperty("unknown_labels").EnumerateObject());
    }

    [Fact]
    public void WriteThenRead_RoundTripsEveryField()
    {
        var original = SyntheticReports.ManyClasses();
        string path = Path.Combine(_dir.FullName, "report.json");

        ReportJson.Write(original, path);
        var read = ReportJson.Read(path);

        Assert.Equal(original.Accuracy, read.Accuracy);
        Assert.Equal(original.MacroF1, read.MacroF1);
        Assert.Equal(original.WeightedF1, read.WeightedF1);
        Assert.Equal(original.UtteranceCount, read.UtteranceCount);
        Assert.Equal(original.ConversationCount, read.ConversationCount);
        Assert.Equal(original.Labels, read.Labels);
        Assert.Equal(original.ConfusionMatrix, read.ConfusionMatrix);
        Assert.Equal(original.PerClass.Keys, read.PerClass.Keys);
        foreach (var (label, metrics) in original.PerClass)
        {
            Assert.Equal(metrics, read.PerClass[label]);
        }
        Assert.Equal(original.MacroAverage, read.MacroAverage);
        Assert.Equal(original.WeightedAverage, read.WeightedAverage);
        Assert.Equal(original.UnknownLabels, read.UnknownLabels);
        Assert.Equal(original.Mode, read.Mode);
        Assert.Equal(ReportJson.Serialize(original), ReportJson.Serialize(read));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"accuracy":0.5}""")]
    [InlineData("""{"accuracy":"high"}""")]
    [InlineData("null")]
    [InlineData("""{"accuracy":1,"macro_f1":1,"weighted_f1":1,"n_utterances":1,"n_conversations":1,"per_class":{"a":{"precision":1,"recall":1,"f1":1,"support":1},"macro avg":{"precision":1,"recall":1,"f1":1,"support":1},"weighted avg":{"precision":1,"recall":1,"f1":1,"support":1}},"labels":["a"],"confusion_matrix":[[1,0]],"unknown_labels":{}}""")]
    [InlineData("""{"accuracy":1,"macro_f1":1,"weighted_f1":1,"n_utterances":1,"n_conversations":1,"per_class":{"a":{"precision":1,"recall":1,"f1":1,"support":1}},"labels":["a"],"confusion_matrix":[[1]],"unknown_labels":{}}""")]
    public void Deserialize_InvalidJson_ThrowsOneLineDialogueActsException(string json)
    {
        var ex = Assert.Throws<DialogueActsException>(() => ReportJson.Deserialize(json, "bad.json"));

        Assert.Contains("bad.json", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Serialize_WritesEachConfusionRowOnOneLine()
    {
        string json = ReportJson.Serialize(ClassificationReportTests.ThreeClassCase());

        Assert.Contains("\"confusion_matrix\": [" + Environment.NewLine + "    [3,1,0,0]," + Environment.NewLine, json);
        Assert.Contains("    [0,0,0,0]" + Environment.NewLine + "  ]", json);
    }

    [Fact]
    public void Serialize_LabelClashingWithAverageKey_Throws()
    {
        var report = ClassificationReport.Compute(["macro avg"], ["macro avg"], ["macro avg"], 1);

        Assert.Throws<DialogueActsException>(() => ReportJson.Serialize(report));
    }

    [Fact]
    public void Read_MissingFile_ThrowsDialogueActsException()
    {
        string path = Path.Combine(_dir.FullName, "missing.json");

        var ex = Assert.Throws<DialogueActsException>(() => ReportJson.Read(path));
        Assert.Contains("missing.json", ex.Message);
    }
}
