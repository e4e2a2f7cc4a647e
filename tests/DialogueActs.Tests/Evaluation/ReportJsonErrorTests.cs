using DialogueActs.Training.Evaluation;

namespace DialogueActs.Tests.Evaluation;

/// <summary>A bad report.json reads like every other bad JSON input: file, JSON path, reason, line.</summary>
public sealed class ReportJsonErrorTests
{
    [Theory]
    [InlineData("{\"accuracy\": \"high\"}", "r.json: $.accuracy: The JSON value could not be converted to the expected type (line 1)")]
    [InlineData("null", "r.json: $: expected a report object, got null")]
    public void BadReportsAreOneLineErrorsNamingThePath(string json, string expected)
    {
        var ex = Assert.Throws<DialogueActsException>(() => ReportJson.Deserialize(json, "r.json"));
        Assert.Equal(expected, ex.Message);
    }
}
