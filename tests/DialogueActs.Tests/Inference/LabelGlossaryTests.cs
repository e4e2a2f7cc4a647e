using DialogueActs.Inference;

namespace DialogueActs.Tests.Inference;

/// <summary>Reading <c>labels.json</c>: the section of a label field, names and descriptions, and one-line errors naming the file and field.</summary>
public sealed class LabelGlossaryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "da-glossary-" + Guid.NewGuid().ToString("N"));

    public LabelGlossaryTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string json)
    {
        string path = Path.Combine(_directory, "labels.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void ReadsTheSectionOfTheLabelField_WithNamesAndDescriptions()
    {
        string path = Write("""
            {
              "act": { "sd": { "name": "Statement-non-opinion" }, "fo_o_fw_\"_by_bc": { "name": "Other", "description": "anything else" } },
              "basic": { "S": { "name": "Statement" } }
            }
            """);
        var act = LabelGlossary.Read(path, "act");
        Assert.Equal("Statement-non-opinion", act.NameOf("sd"));
        Assert.Equal(new LabelName("Other", "anything else"), act.Entries["fo_o_fw_\"_by_bc"]);
        Assert.Null(act.NameOf("S"));
        Assert.Null(act.NameOf("qy"));                                                                    // a label without a name is fine
        Assert.Equal("Statement", LabelGlossary.Read(path, "basic").NameOf("S"));
        Assert.Equal(act.Entries, LabelGlossary.FromJson(act.ToJson(), "stored").Entries);                 // the form model.zip keeps
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "$: expected an object of label fields, got an array")]
    [InlineData("""{"act": []}""", "$.act: expected an object of tags, got an array")]
    [InlineData("""{"act": {"sd": "Statement"}}""", "$.act.sd: expected an object with a name, got a string")]
    [InlineData("""{"act": {"sd": {}}}""", "$.act.sd.name: is missing")]
    [InlineData("""{"act": {"sd": {"name": " "}}}""", "$.act.sd.name: is empty")]
    [InlineData("""{"act": {"sd": {"name": 3}}}""", "$.act.sd.name: expected a string, got a number")]
    [InlineData("""{"act": {"sd": {"name": "S", "descripton": "x"}}}""", "$.act.sd.descripton: unknown key")]
    [InlineData("""{"act": {"o^2": {"name": null}}}""", "$.act['o^2'].name: expected a string, got null")]
    [InlineData("""{"basic": {"S": {"name": "Statement"}}, "other": 1}""", "$.other: expected an object of tags, got a number")]
    [InlineData("""{"basic": {"S": {"name": "Statement"}}}""", "$.act: no names for the label field 'act' (the file names 'basic')")]
    public void AMalformedGlossaryIsOneLineNamingTheFileAndField(string json, string expected)
    {
        string path = Write(json);
        var error = Assert.Throws<DialogueActsException>(() => LabelGlossary.Read(path, "act"));
        Assert.StartsWith($"{path}: ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void AMissingFileIsOneLine()
    {
        string path = Path.Combine(_directory, "none.json");
        Assert.Equal($"{path}: file not found", Assert.Throws<DialogueActsException>(() => LabelGlossary.Read(path, "act")).Message);
    }
}
