using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Tests.Hosting;
using DialogueActs.Tests.Training;
using DialogueActs.Training;
using DialogueActs.Training.Evaluation;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace DialogueActs.Tests.Web;

/// <summary>
/// One tiny causal model trained once (with a valid split, so that <c>train</c> writes <c>valid/report.html</c> with its
/// validation curve), what <c>serve</c> serves over it, and one headless Chromium, shared by the browser tests. In its
/// corpus an "okay" after a statement is a backchannel (<c>b</c>) unless a "bye" follows, when it closes (<c>fc</c>): only
/// the next utterance tells, so a live session revises it. "X was great" is an opinion (<c>sv</c>) or a statement (<c>sd</c>)
/// at random, so the valid report has errors to click.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] Topics = ["the weather", "my car", "the house", "dinner", "the game", "work", "music"];
    private readonly TinyCorpus _corpus = new(trainConversations: 1, seed: 3);
    private ApiServer? _server;
    private ChromeDriver? _browser;

    /// <summary>The training's output folder.</summary>
    public string RunDir => Path.Combine(_corpus.Directory, "run");

    /// <summary>The names the served model's glossary gives (not every label has one).</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["qy"] = "Yes-No-Question", ["sd"] = "Statement-non-opinion",
    };

    /// <summary>The causal model as trained.</summary>
    public string TrainedModelPath => Path.Combine(RunDir, Trainer.ModelFileName);

    /// <summary>The causal model that the server serves: the trained one with a glossary of <see cref="Names"/>.</summary>
    public string ModelPath => Path.Combine(RunDir, "named.zip");

    /// <summary>The training split, labelled.</summary>
    public string TrainPath => _corpus.TrainPath;

    /// <summary>The valid split, labelled.</summary>
    public string ValidPath => _corpus.ValidPath;

    /// <summary>The report.html that training wrote for the valid split.</summary>
    public string ValidReport => Path.Combine(RunDir, "valid", ReportWriter.HtmlFileName);

    /// <summary>The server, as <c>serve</c> starts it.</summary>
    internal ApiServer Server => _server ?? throw new InvalidOperationException(Chromium.Missing);

    /// <summary>The browser.</summary>
    public ChromeDriver Browser => _browser ?? throw new InvalidOperationException(Chromium.Missing);

    /// <summary>Where the tests save their screenshots: the test output folder.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (Chromium.Missing is not null) return;
        File.WriteAllText(_corpus.TrainPath, Corpus(conversations: 40, seed: 11));
        File.WriteAllText(_corpus.ValidPath, Corpus(conversations: 10, seed: 12));
        var config = _corpus.Config(epochs: 3, withTest: false);
        config = config with { Model = config.Model with { ConversationDirection = ConversationDirection.Forward } };
        new Trainer(config, RunDir, new RecordingObserver()).Run(resume: false);
        var archive = ModelArchive.Read(TrainedModelPath);
        using (archive.Model)
            ModelArchive.Write(ModelPath, archive with { Glossary = new LabelGlossary(Names.ToDictionary(p => p.Key, p => new LabelName(p.Value))) });
        _server = await ApiServer.StartAsync(ModelPath, serve: true);
        _browser = Chromium.Start(Path.Combine(_corpus.Directory, "profile"), 1100, 900);
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>Conversations of statements, questions and their answers, backchannels, and a closing "okay", "bye".</summary>
    private static string Corpus(int conversations, int seed)
    {
        var random = new Random(seed);
        var csv = new System.Text.StringBuilder("conversation_id,utterance_index,speaker,act,text\n");
        for (int c = 0; c < conversations; c++)
        {
            var turns = new List<(string Act, string Text)>();
            int length = 4 + random.Next(8);
            while (turns.Count < length)
            {
                string topic = Topics[random.Next(Topics.Length)];
                switch (random.Next(4))
                {
                    case 0: turns.Add(("qy", $"do you like {topic}?")); turns.Add(random.Next(3) > 0 ? ("ny", "yeah") : ("nn", "no")); break;
                    case 1: turns.Add(("sd", $"i think {topic} is fine")); turns.Add(("b", "okay")); break;
                    case 2: turns.Add(("sd", $"we talked about {topic}")); turns.Add(("b", random.Next(2) == 0 ? "uh-huh" : "yeah")); break;
                    // Opinion or statement at random: errors no model avoids, for the confusion matrix to show.
                    default: turns.Add((random.Next(2) == 0 ? "sv" : "sd", $"{topic} was great")); break;
                }
            }
            turns.Add(("sd", $"i think {Topics[random.Next(Topics.Length)]} is fine"));
            turns.Add(("fc", "okay"));
            turns.Add(("fp", "bye"));
            for (int t = 0; t < turns.Count; t++)
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"c{seed}-{c},{t},{(t % 2 == 0 ? "A" : "B")},{turns[t].Act},{turns[t].Text}\n");
        }
        return csv.ToString();
    }

    /// <summary>Saves a screenshot of the browser's viewport as <c>NAME.png</c> in <see cref="Screenshots"/>.</summary>
    public void Screenshot(string name) => Browser.GetScreenshot().SaveAsFile(Path.Combine(Screenshots, name + ".png"));

    /// <summary>The browser's console messages of level error since the last call (reading them clears them).</summary>
    public IReadOnlyList<string> ConsoleErrors() =>
        Browser.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Severe).Select(e => e.Message).ToArray();

    public async Task DisposeAsync()
    {
        _browser?.Quit();
        _browser?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        _corpus.Dispose();
    }
}
