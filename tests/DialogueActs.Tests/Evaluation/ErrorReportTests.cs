using System.Text.Json;
using DialogueActs.Data;
using DialogueActs.Training.Evaluation;
using DialogueActs.Inference;
using DialogueActs.Tests.Hosting;

namespace DialogueActs.Tests.Evaluation;

/// <summary>errors.jsonl and the examples of report.md, on the trained sample model.</summary>
[Collection(HostingCollection.Name)]
public sealed class ErrorReportTests(TrainedModelFixture model) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("da-errors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The fixture's conversations with gold labels by their text, every fourth one moved to another label so that errors are certain.</summary>
    private static List<Conversation> Labelled()
    {
        string[] labels = ["qy", "b", "sd"];
        return TrainedModelFixture.Conversations(60, seed: 5).Select(c => new Conversation(c.Id, c.Utterances.Select((u, i) =>
        {
            int label = u.Text.EndsWith('?') ? 0 : u.Text is "uh-huh" or "yeah" or "right" or "mm-hmm" or "okay" ? 1 : 2;
            return u with { Label = labels[(label + (i % 4 == 3 ? 1 : 0)) % 3] };
        }).ToArray())).ToList();
    }

    [Fact]
    public void Errors_AreExactlyTheUtterancesTaggedWrong_WithTheirPlaceContextAndConfidence()
    {
        using var tagger = DialogueActTagger.Load(model.ModelPath);
        var conversations = Labelled();

        var report = TaggerEvaluator.Evaluate(tagger, conversations, "labelled");

        var tagged = tagger.TagMany(conversations);                                                     // an independent run, utterance by utterance
        var expected = new List<MisclassifiedUtterance>();
        for (int c = 0; c < conversations.Count; c++)
        {
            for (int i = 0; i < conversations[c].Utterances.Count; i++)
            {
                var u = conversations[c].Utterances[i];
                var tag = tagged[c].Utterances[i];
                if (tag.Label == u.Label) continue;
                expected.Add(new MisclassifiedUtterance(conversations[c].Id, i, u.Speaker, u.Text,
                    conversations[c].Utterances.Take(i).TakeLast(2).ToArray(), u.Label!, tag.Label, tag.Confidence));
            }
        }
        Assert.True(expected.Count > 20, $"only {expected.Count} errors: the test needs some");
        Assert.Equal(report.UtteranceCount - (int)Math.Round(report.Accuracy * report.UtteranceCount), report.Errors.Count);
        Assert.Equal(expected.Count, report.Errors.Count);
        for (int e = 0; e < expected.Count; e++)
        {
            var (want, got) = (expected[e], report.Errors[e]);
            Assert.Equal((want.ConversationId, want.Index, want.Speaker, want.Text, want.Gold, want.Predicted),
                (got.ConversationId, got.Index, got.Speaker, got.Text, got.Gold, got.Predicted));
            Assert.Equal(want.Before, got.Before);
            Assert.Equal(want.Confidence, got.Confidence, 1e-5);
        }
        Assert.Contains(report.Errors, e => e.Index == 0 && e.Before.Count == 0);
        Assert.Contains(report.Errors, e => e.Index == 1 && e.Before.Count == 1);
    }

    [Fact]
    public void ErrorsJsonl_HoldsOneLinePerError_AndReportMd_TheThreeSurestOfEachTopConfusion()
    {
        using var tagger = DialogueActTagger.Load(model.ModelPath);
        var report = TaggerEvaluator.Evaluate(tagger, Labelled(), "labelled");

        ReportWriter.Write(report, _dir);

        string[] lines = File.ReadAllLines(Path.Combine(_dir, ReportWriter.ErrorsFileName));
        Assert.Equal(report.Errors.Count, lines.Length);
        for (int e = 0; e < lines.Length; e++)
        {
            var json = JsonDocument.Parse(lines[e]).RootElement;
            var error = report.Errors[e];
            Assert.Equal(error.ConversationId, json.GetProperty("conversation_id").GetString());
            Assert.Equal(error.Index, json.GetProperty("index").GetInt32());
            Assert.Equal(error.Speaker, json.GetProperty("speaker").GetString());
            Assert.Equal(error.Text, json.GetProperty("text").GetString());
            Assert.Equal(error.Before.Select(b => (b.Speaker, b.Text, b.Label)),
                json.GetProperty("before").EnumerateArray().Select(b => (b.GetProperty("speaker").GetString(), b.GetProperty("text").GetString()!, b.GetProperty("gold").GetString())));
            Assert.Equal(error.Gold, json.GetProperty("gold").GetString());
            Assert.Equal(error.Predicted, json.GetProperty("predicted").GetString());
            Assert.Equal(error.Confidence, json.GetProperty("confidence").GetDouble(), 1e-6);
        }

        string markdown = File.ReadAllText(Path.Combine(_dir, ReportWriter.MarkdownFileName));
        var pairs = report.Errors.GroupBy(e => (e.Gold, e.Predicted)).OrderByDescending(g => g.Count()).ToList();
        Assert.True(pairs.Count >= 2);
        foreach (var pair in pairs.Take(ReportMarkdown.TopConfusions))
        {
            string heading = $"**`{pair.Key.Gold}` predicted as `{pair.Key.Predicted}`** ({pair.Count()})";
            int at = markdown.IndexOf(heading, StringComparison.Ordinal);
            Assert.True(at >= 0, $"no examples for {heading}");
            int end = markdown.IndexOf("\n**", at + heading.Length, StringComparison.Ordinal);
            string section = end < 0 ? markdown[at..] : markdown[at..end];
            var rows = section.Split('\n').Where(l => l.StartsWith("| conv-", StringComparison.Ordinal)).ToList();
            var surest = pair.OrderByDescending(e => e.Confidence).Take(ReportMarkdown.ExamplesPerConfusion).ToList();
            Assert.Equal(surest.Select(e => $"| {e.ConversationId} | {e.Index} |"), rows.Select(r => string.Join('|', r.Split('|')[..3]) + "|"));
            Assert.All(rows, r => Assert.EndsWith(" |", r));
        }
    }

    [Fact]
    public void ReportMd_ShowsCorpusTextAsWritten_OnOneLine()
    {
        Utterance[] before = [new("A", "first | *bold* <b>", "s"), new(null, "line\nbreak", "q")];
        var errors = new List<MisclassifiedUtterance>
        {
            new("c1", 2, "B", "the `code` _x_ [link](y)", before, "s", "q", 0.25),
            new("c1", 3, "A", new string('w', 200), [], "s", "q", 0.75),
        };
        var report = ClassificationReport.Compute(["s", "q"], ["s", "s", "q"], ["q", "q", "q"], 1).WithErrors(errors);

        string markdown = ReportMarkdown.Render(report);

        Assert.Contains("**`s` predicted as `q`** (2)", markdown);
        int surest = markdown.IndexOf($"| c1 | 3 |  | A: {new string('w', 160)}... | 0.7500 |", StringComparison.Ordinal);
        int second = markdown.IndexOf(@"| c1 | 2 | A: first \| \*bold\* \<b\> `s`<br>line break `q` | B: the \`code\` \_x\_ \[link\](y) | 0.2500 |", StringComparison.Ordinal);
        Assert.True(surest > 0 && second > surest, markdown);
    }

    [Fact]
    public void AReportFromLabelsAlone_HasNoErrors_AndAnEmptyErrorsFile()
    {
        var report = ClassificationReport.Compute(["s", "q"], ["s", "q"], ["q", "q"], 1);
        ReportWriter.Write(report, _dir);
        Assert.Empty(report.Errors);
        Assert.Equal("", File.ReadAllText(Path.Combine(_dir, ReportWriter.ErrorsFileName)));
        Assert.DoesNotContain("### Examples", File.ReadAllText(Path.Combine(_dir, ReportWriter.MarkdownFileName)));
    }
}
