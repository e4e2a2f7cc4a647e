using System.Text.Json;
using DialogueActs.Tests.Training;

namespace DialogueActs.Tests.Cli;

[Collection(TinyModelCollection.Name)]
public sealed class CliTests
{
    private readonly TinyModelFixture _fixture;

    public CliTests(TinyModelFixture fixture) => _fixture = fixture;

    private string WriteFile(string name, string text)
    {
        string path = Path.Combine(_fixture.Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void SummaryPrintsTheRealParameterCounts()
    {
        var result = CliRunner.Run("summary", "--vocab-size", "10000", "--labels", "41");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2,000,000", result.Stdout);   // embedding 10000 × 200
        Assert.Contains("337,920", result.Stdout);     // utterance Bi-LSTM 2 × (4·128·(200+128) + 8·128)
        Assert.Contains("395,264", result.Stdout);     // conversation Bi-LSTM 2 × (4·128·(256+128) + 8·128)
        Assert.Contains("Total params: 2,745,484", result.Stdout);
    }

    [Fact]
    public void MissingConfigIsOneCleanLine()
    {
        string path = Path.Combine(_fixture.Directory, "missing.json");
        CliRunner.AssertFailsWith(CliRunner.Run("train", "--config", path, "--out", Path.Combine(_fixture.Directory, "x")), $"{path}: file not found");
    }

    [Fact]
    public void AnUnknownSentenceEncoderIsOneCleanLineNamingTheJsonPath()
    {
        string path = WriteFile("encoder.json", "{ \"data\": { \"train\": \"encoder-train.csv\", \"directory\": \".\" }, \"model\": { \"sentenceEncoder\": \"bert-base\" } }");
        WriteFile("encoder-train.csv", "conversation_id,utterance_index,speaker,text,label\nc1,0,A,hello there,sd\nc1,1,B,yes,aa\n");
        var result = CliRunner.Run("train", "--config", path, "--out", Path.Combine(_fixture.Directory, "x"));
        CliRunner.AssertFailsWith(result, $"{path}: $.model.sentenceEncoder: no provider of this tool offers the sentence-encoder 'bert-base' (this tool knows all-MiniLM-L6-v2)");
    }

    [Fact]
    public void ConfigTypoIsOneCleanLineNamingTheJsonPath()
    {
        string path = WriteFile("typo.json", "{ \"data\": { \"train\": \"train.csv\", \"directory\": \".\" }, \"training\": { \"epoks\": 3 } }");
        var result = CliRunner.Run("train", "--config", path, "--out", Path.Combine(_fixture.Directory, "x"));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: {path}: $.training.epoks: unknown key", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void CorruptModelIsOneCleanLine()
    {
        string model = WriteFile("corrupt.zip", "not a zip");
        var result = CliRunner.Run("evaluate", "--model", model, "--data", _fixture.ValidPath, "--out", Path.Combine(_fixture.Directory, "eval-x"));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: {model}: not a valid model file", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void MalformedCorpusRowNamesFileAndLine()
    {
        string data = WriteFile("bad.csv", "conversation_id,utterance_index,speaker,act,text\nc1,0,A,sd,\"unterminated\nc1,1,B,sd,fine\n");
        var result = CliRunner.Run("predict", "--model", _fixture.ModelPath, "--input", data, "--output", Path.Combine(_fixture.Directory, "p.jsonl"));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: {data}:2: unterminated quoted field", result.Stderr);
    }

    [Fact]
    public void MissingColumnNamesTheColumn()
    {
        string data = WriteFile("nocol.csv", "conversation_id,utterance_index,speaker,act\nc1,0,A,sd\n");
        var result = CliRunner.Run("evaluate", "--model", _fixture.ModelPath, "--data", data, "--out", Path.Combine(_fixture.Directory, "eval-y"));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: {data}:1: missing column 'text'", result.Stderr);
    }

    [Fact]
    public void EvaluateCountsUnknownLabelsAsErrorsAndWritesReports()
    {
        string data = WriteFile("unknown.csv", "conversation_id,utterance_index,speaker,act,text\nc1,0,A,zz_new,hello\nc1,1,B,qy,do you like music?\nc1,2,A,ny,yeah\n");
        string outDir = Path.Combine(_fixture.Directory, "eval-unknown");
        var result = CliRunner.Run("evaluate", "--model", _fixture.ModelPath, "--data", data, "--out", outDir);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("zz_new ×1", result.Stdout);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        Assert.Equal(1, report.RootElement.GetProperty("unknown_labels").GetProperty("zz_new").GetInt32());
        Assert.True(File.Exists(Path.Combine(outDir, "confusion.png")));
        Assert.True(File.Exists(Path.Combine(outDir, "report.md")));
    }

    [Fact]
    public void PredictTagsUnlabelledCsvIncludingEmptyUtterances()
    {
        string data = WriteFile("unlabelled.csv", "conversation_id,utterance_index,speaker,text\nc1,1,B,yeah\nc1,0,A,do you like music?\nc2,0,A,\n");
        string output = Path.Combine(_fixture.Directory, "pred.jsonl");
        var result = CliRunner.Run("predict", "--model", _fixture.ModelPath, "--input", data, "--output", output);
        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var utterances = first.RootElement.GetProperty("utterances");
        Assert.Equal("do you like music?", utterances[0].GetProperty("text").GetString());
        Assert.Equal(3, utterances[0].GetProperty("top").GetArrayLength());
    }

    [Fact]
    public void OnlineOnABidirectionalModelIsTheLibrarysOneLine()
    {
        var result = CliRunner.Run("predict", "--model", _fixture.ModelPath, "--input", _fixture.ValidPath, "--output", Path.Combine(_fixture.Directory, "online.jsonl"), "--online");
        CliRunner.AssertFailsWith(result, DialogueActs.Inference.DialogueActTagger.BidirectionalSessionMessage);
    }
}
