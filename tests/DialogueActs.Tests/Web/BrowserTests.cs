using System.Globalization;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DialogueActs.Data;
using DialogueActs.Inference;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace DialogueActs.Tests.Web;

/// <summary>
/// The page of <c>serve</c> and <c>report.html</c> in a real headless Chromium: the acts the page shows are the API's, a live
/// session shows its revisions, a click on a confusion cell lists that cell's utterances, both fit a 360-pixel-wide screen,
/// and the browser logs no error. Screenshots go to the test output folder (<see cref="BrowserFixture.Screenshots"/>).
/// </summary>
public sealed class BrowserTests : IClassFixture<BrowserFixture>
{
    private static readonly (string Speaker, string Text)[] Transcript =
    [
        ("A", "do you like the weather?"), ("B", "yeah"), ("A", "i think my car is fine, really"), ("B", "uh-huh"),
        ("A", "and he said, \"the game\""), ("B", ""), ("A", "do you like music?"), ("B", "no"),
    ];

    private readonly BrowserFixture _fixture;

    public BrowserTests(BrowserFixture fixture) => _fixture = fixture;

    [BrowserFact]
    public async Task APastedTranscriptShowsTheActsTheApiAnswers()
    {
        var browser = _fixture.Browser;
        Desktop();
        OpenPage();
        var box = browser.FindElement(By.Id("transcript"));
        box.SendKeys(string.Join("\n", Transcript.Select(u => $"{u.Speaker}: {u.Text}")));
        box.SendKeys(Keys.Control + Keys.Enter);                                                     // tags from the keyboard
        var items = Wait(() => browser.FindElements(By.CssSelector("#results li.utterance[data-label]")) is { Count: > 0 } found ? found : null);

        var request = new { id = "transcript", utterances = Transcript.Select(u => new { speaker = u.Speaker, text = u.Text }) };
        using var response = await _fixture.Server.Client.PostAsJsonAsync("/v1/tag", request);
        response.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var expected = answer.RootElement.GetProperty("utterances").EnumerateArray().ToArray();

        Assert.Equal(Transcript.Length, items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            Assert.Equal(expected[i].GetProperty("label").GetString(), item.GetAttribute("data-label"));
            Assert.Equal(expected[i].GetProperty("label").GetString(), item.FindElement(By.CssSelector(".label")).Text);
            // The label's name, where the API gives one (the served model names qy and sd).
            var name = item.FindElements(By.CssSelector(".act .name")).Select(e => e.Text).SingleOrDefault();
            Assert.Equal(expected[i].TryGetProperty("name", out var n) ? n.GetString() : null, name);
            Assert.Equal(Percent(expected[i].GetProperty("confidence").GetDouble()), Number(item.FindElement(By.CssSelector(".confidence")).Text), 0.051);
            var top = item.FindElements(By.CssSelector(".top3 span")).Select(s => s.Text).ToArray();
            var expectedTop = expected[i].GetProperty("top").EnumerateArray().Take(3).ToArray();
            Assert.Equal(expectedTop.Length, top.Length);
            for (int k = 0; k < top.Length; k++)
            {
                Assert.StartsWith(expectedTop[k].GetProperty("label").GetString() + " ", top[k]);
                Assert.Equal(Percent(expectedTop[k].GetProperty("probability").GetDouble()), Number(top[k][(top[k].LastIndexOf(' ') + 1)..]), 0.051);
            }
            if (Transcript[i].Text.Length > 0) Assert.Contains(Transcript[i].Text, item.FindElement(By.CssSelector(".text")).Text);
        }
        Assert.Contains("A: text lines", browser.FindElement(By.Id("detected")).Text);
        Assert.Contains(expected, u => u.TryGetProperty("name", out _));                            // the names were tested, not only their absence
        var card = browser.FindElement(By.Id("card-labels")).Text;
        Assert.All(BrowserFixture.Names, p => Assert.Contains($"{p.Key} {p.Value}", card));
        var config = browser.FindElements(By.CssSelector("#card details")).SingleOrDefault(d => d.FindElement(By.TagName("summary")).Text == "config");
        Assert.NotNull(config);                                                                              // the model card shows the config
        config.FindElement(By.TagName("summary")).Click();
        Assert.Contains("\"conversationDirection\"", config.FindElement(By.TagName("pre")).Text);
        _fixture.Screenshot("page");
        AssertNoConsoleErrors();
    }

    [BrowserFact]
    public async Task CsvAndJsonlTranscriptsAreTaggedAsTheApiTagsTheirConversations()
    {
        var browser = _fixture.Browser;
        Desktop();
        OpenPage();
        // CSV with a quoted comma and quote, two conversations; then the same as JSONL.
        string csv = "conversation_id,speaker,text\nc1,A,do you like dinner?\nc1,B,yeah\nc2,A,\"and he said, \"\"work\"\"\"\nc2,B,uh-huh\n";
        var conversations = new[]
        {
            new Conversation("c1", [new Utterance("A", "do you like dinner?", null), new Utterance("B", "yeah", null)]),
            new Conversation("c2", [new Utterance("A", "and he said, \"work\"", null), new Utterance("B", "uh-huh", null)]),
        };
        string jsonl = string.Join("\n", conversations.Select(c => JsonSerializer.Serialize(new { id = c.Id, utterances = c.Utterances.Select(u => new { speaker = u.Speaker, text = u.Text }) })));
        using var tagger = DialogueActTagger.Load(_fixture.ModelPath);
        var expected = tagger.TagMany(conversations).SelectMany(t => t.Utterances.Select(u => u.Label)).ToArray();

        foreach (string transcript in new[] { csv, jsonl })
        {
            browser.ExecuteScript("document.getElementById('results').textContent = '';");
            var box = browser.FindElement(By.Id("transcript"));
            box.Clear();
            browser.ExecuteScript("arguments[0].value = arguments[1];", box, transcript);          // pasted, as a whole
            browser.FindElement(By.Id("tag-button")).Click();
            var labels = Wait(() => browser.FindElements(By.CssSelector("#results li.utterance[data-label]")) is { Count: 4 } found
                ? found.Select(e => e.GetAttribute("data-label")).ToArray() : null);
            Assert.Equal(expected, labels);
            Assert.Equal(["c1", "c2"], browser.FindElements(By.CssSelector("#results ol")).Select(e => e.GetAttribute("data-conversation")));
        }
        AssertNoConsoleErrors();
    }

    [BrowserFact]
    public void ALiveSessionShowsTheLabelsAndTheRevisionsOfALibrarySession()
    {
        var browser = _fixture.Browser;
        Desktop();
        const int lag = 2;
        // A conversation that this model revises, found with a library session of the same lag.
        using var tagger = DialogueActTagger.Load(_fixture.ModelPath);
        var conversation = CorpusReader.Read(_fixture.ValidPath, new ColumnMapping { Label = "act" }, requireLabels: true)
            .Select(c => c.Utterances.ToArray())
            .First(u => Replay(tagger, u, lag).Revisions > 0);
        var (expected, expectedAfterEnd, _) = Replay(tagger, conversation, lag);

        OpenPage();
        Wait(() => browser.FindElement(By.Id("live")).Displayed ? true : (bool?)null);
        browser.ExecuteScript("arguments[0].value = arguments[1];", browser.FindElement(By.Id("lag")), lag.ToString(CultureInfo.InvariantCulture));
        browser.FindElement(By.Id("live-start")).Click();
        var text = browser.FindElement(By.Id("live-text"));
        Wait(() => text.Enabled ? true : (bool?)null);
        for (int i = 0; i < conversation.Length; i++)
        {
            browser.FindElement(By.CssSelector($"input[name='speaker'][value='{conversation[i].Speaker}']")).Click();
            text.SendKeys(conversation[i].Text + Keys.Enter);                                       // Enter sends
            int sent = i + 1;
            Wait(() => browser.FindElements(By.CssSelector("#live-log li.utterance[data-label]")).Count == sent ? true : (bool?)null);
        }
        Assert.NotEmpty(browser.FindElements(By.CssSelector("#live-log li[data-revised='true']")));
        Assert.Equal(expected, LiveLabels());
        _fixture.Screenshot("live");

        browser.FindElement(By.Id("live-end")).Click();
        Wait(() => browser.FindElement(By.Id("live-start")).Enabled ? true : (bool?)null);
        Assert.Equal(expectedAfterEnd, LiveLabels());
        AssertNoConsoleErrors();
    }

    [BrowserFact]
    public void AClickOnAConfusionCellListsItsUtterancesInContext_AndTheTableSorts()
    {
        var browser = _fixture.Browser;
        Desktop();
        browser.Navigate().GoToUrl(new Uri(_fixture.ValidReport).AbsoluteUri);
        var cell = Wait(() => browser.FindElements(By.CssSelector("#confusion td[data-count] button")).FirstOrDefault());
        var td = cell.FindElement(By.XPath(".."));
        string gold = td.GetAttribute("data-gold")!, predicted = td.GetAttribute("data-predicted")!;
        int count = int.Parse(td.GetAttribute("data-count")!, CultureInfo.InvariantCulture);
        cell.Click();

        var listed = Wait(() => browser.FindElements(By.CssSelector("#errors li.error")) is { Count: > 0 } found ? found : null);
        var errors = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(_fixture.ValidReport)!, "errors.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("gold").GetString() == gold && e.GetProperty("predicted").GetString() == predicted)
            .ToArray();
        Assert.Equal(count, errors.Length);
        Assert.Equal(count, listed.Count);
        var shown = listed.Select(l => l.FindElement(By.CssSelector(".where")).Text).Order(StringComparer.Ordinal);
        var written = errors.Select(e => $"conversation {e.GetProperty("conversation_id").GetString()}, utterance {e.GetProperty("index").GetInt32()}").Order(StringComparer.Ordinal);
        Assert.Equal(written, shown);
        Assert.Contains(gold + " predicted as " + predicted, browser.FindElement(By.CssSelector("#errors h3")).Text);
        Assert.True(browser.FindElement(By.Id("curve-section")).Displayed, "train wrote metrics.jsonl: the validation curve shows");
        // Training calibrates on the valid split: the reliability diagram shows a bar per non-empty bin of report.json.
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(_fixture.ValidReport)!, "report.json"))))
        {
            bool calibrated = json.RootElement.TryGetProperty("calibration", out var calibration);
            Assert.Equal(calibrated, browser.FindElement(By.Id("reliability-section")).Displayed);
            if (calibrated)
            {
                foreach (string series in new[] { "before", "after" })
                    Assert.Equal(calibration.GetProperty(series).GetProperty("reliability").EnumerateArray().Count(b => b.GetProperty("count").GetInt32() > 0),
                        browser.FindElements(By.CssSelector($"#reliability rect[data-series='{series}']")).Count);
                browser.ExecuteScript("document.getElementById('reliability-title').scrollIntoView();");
                _fixture.Screenshot("report-reliability");
            }
        }

        // Sorting: F1 descending, then ascending; the table then stays sorted by F1 descending.
        browser.FindElement(By.CssSelector("#classes thead button[data-key='f1']")).Click();
        var descending = ColumnValues("#classes tbody tr", 3);
        Assert.Equal(descending.OrderByDescending(v => v), descending);
        browser.FindElement(By.CssSelector("#classes thead button[data-key='f1']")).Click();
        var ascending = ColumnValues("#classes tbody tr", 3);
        Assert.Equal(ascending.Order(), ascending);
        browser.FindElement(By.CssSelector("#classes thead button[data-key='f1']")).Click();
        browser.ExecuteScript("document.getElementById('confusion-title').scrollIntoView();");
        _fixture.Screenshot("report");
        AssertNoConsoleErrors();
    }

    /// <summary>report.json as a model with a glossary and a calibration writes it: the names and the reliability diagram show.</summary>
    [BrowserFact]
    public void AReportWithLabelNamesAndACalibrationShowsTheNamesAndTheReliabilityDiagram()
    {
        var browser = _fixture.Browser;
        Desktop();
        string html = File.ReadAllText(_fixture.ValidReport);
        var match = Regex.Match(html, "<script id=\"report-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline);
        var data = JsonNode.Parse(match.Groups[1].Value)!;
        var report = data["report"]!;
        report["per_class"]!["sd"]!["name"] = "Statement-non-opinion";
        report["per_class"]!["qy"]!["name"] = "Yes-No-Question";
        static JsonObject Metrics(double ece, double shift) => new()
        {
            ["ece"] = ece,
            ["reliability"] = new JsonArray(
                new JsonObject { ["lower"] = 0.5, ["upper"] = 0.75, ["count"] = 10, ["confidence"] = 0.62, ["accuracy"] = 0.5 + shift },
                new JsonObject { ["lower"] = 0.75, ["upper"] = 1.0, ["count"] = 0, ["confidence"] = 0, ["accuracy"] = 0 },
                new JsonObject { ["lower"] = 0.75, ["upper"] = 1.0, ["count"] = 115, ["confidence"] = 0.93, ["accuracy"] = 0.85 + shift }),
        };
        report["calibration"] = new JsonObject { ["temperature"] = 1.5, ["before"] = Metrics(0.08, 0), ["after"] = Metrics(0.02, 0.05) };
        string path = Path.Combine(Path.GetDirectoryName(_fixture.ValidReport)!, "named-report.html");
        File.WriteAllText(path, html.Replace(match.Groups[1].Value, data.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default })));

        browser.Navigate().GoToUrl(new Uri(path).AbsoluteUri);
        Wait(() => browser.FindElement(By.Id("reliability-section")).Displayed ? true : (bool?)null);
        Assert.Equal(2, browser.FindElements(By.CssSelector("#reliability rect[data-series='before']")).Count);   // bins with utterances only
        Assert.Equal(2, browser.FindElements(By.CssSelector("#reliability rect[data-series='after']")).Count);
        Assert.Contains("temperature 1.500", browser.FindElement(By.Id("reliability")).Text);
        Assert.Contains("Name", browser.FindElements(By.CssSelector("#classes thead th")).Select(th => th.Text));
        Assert.Equal("Statement-non-opinion", browser.FindElement(By.CssSelector("#classes tr[data-label='sd'] td.name")).Text);
        Assert.Equal("", browser.FindElement(By.CssSelector("#classes tr[data-label='b'] td.name")).Text);
        AssertNoConsoleErrors();
    }

    [BrowserFact]
    public void ThePageAndTheReportFitA360PixelWideScreen()
    {
        var browser = _fixture.Browser;
        browser.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = 360, ["height"] = 740, ["deviceScaleFactor"] = 1, ["mobile"] = true,
        });
        try
        {
            OpenPage();
            browser.FindElement(By.Id("transcript")).SendKeys("A: do you like the weather?\nB: yeah");
            browser.FindElement(By.Id("tag-button")).Click();
            Wait(() => browser.FindElements(By.CssSelector("#results li.utterance[data-label]")).Count == 2 ? true : (bool?)null);
            Assert.Equal(360L, browser.ExecuteScript("return window.innerWidth;"));
            Assert.True((long)browser.ExecuteScript("return document.documentElement.scrollWidth;")! <= 360, "the page scrolls sideways at 360 px");
            _fixture.Screenshot("page-360");

            browser.Navigate().GoToUrl(new Uri(_fixture.ValidReport).AbsoluteUri);
            Wait(() => browser.FindElements(By.CssSelector("#confusion td")).Count > 0 ? true : (bool?)null);
            Assert.True((long)browser.ExecuteScript("return document.documentElement.scrollWidth;")! <= 360, "the report scrolls sideways at 360 px");
            _fixture.Screenshot("report-360");
            AssertNoConsoleErrors();
        }
        finally
        {
            browser.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", new Dictionary<string, object?>());
        }
    }

    /// <summary>The labels a library session shows after each utterance (revisions applied), after its end, and how many revisions it made.</summary>
    private static (string[] Labels, string[] AfterEnd, int Revisions) Replay(DialogueActTagger tagger, IReadOnlyList<Utterance> utterances, int lag)
    {
        using var session = tagger.StartSession(lag);
        var labels = new List<string>();
        int revisions = 0;
        foreach (var u in utterances)
        {
            var tag = session.Add(u.Speaker, u.Text);
            labels.Add(tag.Label);
            foreach (var r in tag.Revised) labels[r.Index] = r.Label;
            revisions += tag.Revised.Count;
        }
        var shown = labels.ToArray();
        foreach (var r in session.End()) labels[r.Index] = r.Label;
        return (shown, labels.ToArray(), revisions);
    }

    private string[] LiveLabels() => _fixture.Browser.FindElements(By.CssSelector("#live-log li.utterance"))
        .OrderBy(e => int.Parse(e.GetAttribute("data-index")!, CultureInfo.InvariantCulture))
        .Select(e => e.GetAttribute("data-label")!).ToArray();

    private double[] ColumnValues(string rows, int column) => _fixture.Browser.FindElements(By.CssSelector(rows))
        .Select(r => double.Parse(r.FindElements(By.CssSelector("th, td"))[column].Text, CultureInfo.InvariantCulture)).ToArray();

    private void OpenPage()
    {
        _fixture.Browser.Navigate().GoToUrl(_fixture.Server.Address);
        Wait(() => _fixture.Browser.FindElement(By.Id("model-line")).Text.Contains("dialogue acts", StringComparison.Ordinal) ? true : (bool?)null);
    }

    private void Desktop() => _fixture.Browser.Manage().Window.Size = new System.Drawing.Size(1100, 900);

    private T Wait<T>(Func<T?> condition) where T : class =>
        new WebDriverWait(_fixture.Browser, TimeSpan.FromSeconds(20)).Until(_ => condition());

    private bool Wait(Func<bool?> condition) =>
        new WebDriverWait(_fixture.Browser, TimeSpan.FromSeconds(20)).Until(_ => condition() ?? false);

    private void AssertNoConsoleErrors() => Assert.Empty(_fixture.ConsoleErrors());

    private static double Percent(double probability) => 100 * probability;

    private static double Number(string percent) => double.Parse(percent.TrimEnd('%'), CultureInfo.InvariantCulture);
}
