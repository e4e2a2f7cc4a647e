using System.IO.Compression;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Tests.Modeling;
using DialogueActs.Text;
using TorchSharp;

namespace DialogueActs.Tests.Inference;

/// <summary>
/// Temperature scaling of the confidences: marginals at a temperature against enumeration of the scaled CRF, labels that
/// no temperature changes, temperature 1 equal to the CRF's own marginals, the fit recovering a known temperature, the
/// temperature kept in model.zip, and sessions equal to offline tagging at the model's temperature.
/// </summary>
public sealed class TemperatureScalingTests : IDisposable
{
    private static readonly string[] LabelNames = ["a", "b", "c", "d", "e"];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "da-temperature-" + Guid.NewGuid().ToString("N"));

    public TemperatureScalingTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (CrfScores Scores, float[] Emissions) Case(int labels, int steps, int seed)
    {
        var random = new Random(seed);
        float Draw(double scale) => (float)((random.NextDouble() * 2 - 1) * scale);
        var scores = new CrfScores(
            Enumerable.Range(0, labels * labels).Select(_ => Draw(3)).ToArray(),
            Enumerable.Range(0, labels).Select(_ => Draw(1)).ToArray(),
            Enumerable.Range(0, labels).Select(_ => Draw(2)).ToArray());
        return (scores, Enumerable.Range(0, steps * labels).Select(_ => Draw(3)).ToArray());
    }

    /// <summary>The brute-force CRF of steps 0..last with every score divided by <paramref name="temperature"/> (the end scores only when ended).</summary>
    private static CrfBruteForce Oracle(CrfScores scores, float[] emissions, int last, bool ended, double temperature)
    {
        int k = scores.LabelCount;
        var emit = new double[last + 1, k];
        for (int t = 0; t <= last; t++) for (int y = 0; y < k; y++) emit[t, y] = emissions[t * k + y] / temperature;
        var transitions = new double[k, k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) transitions[i, j] = scores.Transitions[i * k + j] / temperature;
        return new CrfBruteForce(emit, transitions, scores.Start.Select(v => v / temperature).ToArray(),
            ended ? scores.End.Select(v => v / temperature).ToArray() : new double[k]);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    public void MarginalsAtATemperatureAreThoseOfTheCrfWithEveryScoreDivided(double temperature)
    {
        for (int seed = 0; seed < 5; seed++)
        {
            var (scores, emissions) = Case(labels: 3, steps: 6, seed);
            var recursion = TemperatureScaling.Recursion(scores, emissions, temperature);
            var expected = Oracle(scores, emissions, 5, ended: true, temperature).Marginals();
            for (int t = 0; t < 6; t++)
                for (int y = 0; y < 3; y++)
                    Assert.Equal(expected[t, y], recursion.Posterior(t, y), 1e-5);
        }
    }

    [Theory]
    [InlineData(0, 0.4)]
    [InlineData(2, 0.4)]
    [InlineData(2, 3.0)]
    [InlineData(10, 3.0)]
    public void AFixedLagCrfAtATemperatureKeepsItsLabelsAndScalesItsProbabilities(int lag, double temperature)
    {
        const int labels = 3, steps = 6;
        for (int seed = 0; seed < 4; seed++)
        {
            var (scores, emissions) = Case(labels, steps, 100 + seed);
            var plain = new FixedLagCrf(scores, lag);
            var scaled = new FixedLagCrf(scores, lag, temperature);
            for (int t = 0; t < steps; t++)
            {
                var row = emissions.AsSpan(t * labels, labels);
                var (plainLabels, plainConfidences, _) = plain.Add(row);
                var (windowLabels, confidences, filtering) = scaled.Add(row);
                Assert.Equal(plainLabels, windowLabels);
                var marginals = Oracle(scores, emissions, t, ended: false, temperature).Marginals();
                for (int y = 0; y < labels; y++) Assert.Equal(marginals[t, y], filtering[y], 1e-5);
                int start = scaled.WindowStart;
                for (int i = 0; i < windowLabels.Length; i++) Assert.Equal(marginals[start + i, windowLabels[i]], confidences[i], 1e-5);
                Assert.True(Math.Abs(plainConfidences[^1] - confidences[^1]) > 1e-6, "the temperature is not ignored");
            }
            var (_, plainEnd, _) = plain.End();
            var (endStart, endLabels, endConfidences) = scaled.End();
            Assert.Equal(plainEnd, endLabels);
            var ended = Oracle(scores, emissions, steps - 1, ended: true, temperature).Marginals();
            for (int i = 0; i < endLabels.Length; i++) Assert.Equal(ended[endStart + i, endLabels[i]], endConfidences[i], 1e-5);
        }
    }

    [Fact]
    public void AtTemperatureOneTheConfidencesAreTheCrfsOwnMarginalsBitForBit()
    {
        var (model, encoder) = Parts(31);
        using var _ = model;
        var conversations = Conversations(new Random(3), 6);
        using var tagger = Over(model, encoder, TemperatureScaling.Identity);
        var tagged = tagger.TagMany(conversations);
        var data = CalibrationData.Compute(tagger, Labelled(conversations, tagged), "test");
        var probabilities = data.Probabilities(TemperatureScaling.Identity);
        var answers = tagged.SelectMany(t => t.Utterances).ToArray();
        Assert.Equal(answers.Select(u => Array.IndexOf(LabelNames, u.Label)), data.Predicted);
        for (int i = 0; i < answers.Length; i++)
        {
            Assert.Equal(answers[i].Confidence, (double)probabilities[i][data.Predicted[i]]);
            foreach (var top in answers[i].Top) Assert.Equal(top.Probability, (double)probabilities[i][Array.IndexOf(LabelNames, top.Label)]);
        }
    }

    [Fact]
    public void NoTemperatureChangesALabel_AndTheConfidencesFollowTheTemperature()
    {
        var (model, encoder) = Parts(32);
        using var _ = model;
        var conversations = Conversations(new Random(4), 8);
        using var plain = Over(model, encoder, 1);
        var reference = plain.TagMany(conversations).SelectMany(t => t.Utterances).ToArray();
        var data = CalibrationData.Compute(plain, Labelled(conversations, plain.TagMany(conversations)), "test");
        foreach (double temperature in new[] { 0.25, 0.8, 1.7, 4.0 })
        {
            using var tagger = Over(model, encoder, temperature);
            var answers = tagger.TagMany(conversations).SelectMany(t => t.Utterances).ToArray();
            Assert.Equal(reference.Select(u => u.Label), answers.Select(u => u.Label));
            var probabilities = data.Probabilities(temperature);
            for (int i = 0; i < answers.Length; i++) Assert.Equal((double)probabilities[i][data.Predicted[i]], answers[i].Confidence);
            double meanBefore = reference.Average(u => u.Confidence), meanAfter = answers.Average(u => u.Confidence);
            Assert.True(temperature > 1 ? meanAfter < meanBefore - 1e-3 : meanAfter > meanBefore + 1e-3,
                $"T={temperature}: mean confidence {meanAfter} against {meanBefore} at T=1");
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void TheFitRecoversTheTemperatureOfLabelsDrawnFromTheScaledCrf(double truth)
    {
        double fitted = TemperatureScaling.Fit(Synthetic(truth, conversations: 3000, seed: 11));
        Assert.InRange(fitted, truth * 0.9, truth * 1.1);
    }

    /// <summary>
    /// Scores of random conversations whose gold labels are drawn from the CRF with every score divided by
    /// <paramref name="truth"/>: a model off by exactly that temperature (4 labels, 4 utterances each).
    /// </summary>
    internal static CalibrationData Synthetic(double truth, int conversations, int seed)
    {
        const int labels = 4, steps = 4;
        var (scores, _) = Case(labels, steps, seed: 7);
        var random = new Random(seed);
        var emissions = new float[conversations][];
        var paths = new int[conversations][];
        var gold = new int[conversations][];
        for (int c = 0; c < conversations; c++)
        {
            emissions[c] = Enumerable.Range(0, steps * labels).Select(_ => (float)((random.NextDouble() * 2 - 1) * 3)).ToArray();
            var oracle = Oracle(scores, emissions[c], steps - 1, ended: true, truth);
            double logZ = oracle.LogPartition(), u = random.NextDouble(), mass = 0;
            foreach (var sequence in oracle.AllSequences())
            {
                gold[c] = sequence;
                mass += Math.Exp(oracle.Score(sequence) - logZ);
                if (mass >= u) break;
            }
            paths[c] = Oracle(scores, emissions[c], steps - 1, ended: true, 1).Best().Path;
        }
        return new CalibrationData(scores, emissions, paths, gold);
    }

    [Fact]
    public void ASavedAndReloadedModelGivesTheSameCalibratedConfidencesAndNames()
    {
        var (model, encoder) = Parts(33);
        using var _ = model;
        var glossary = new LabelGlossary(new Dictionary<string, LabelName> { ["a"] = new("Alpha", "the first"), ["c"] = new("Gamma"), ["zz"] = new("Not a label") });
        string path = Path.Combine(_directory, "model.zip");
        ModelArchive.Write(path, model, encoder, new LabelSet(LabelNames), new ModelMetadata(), glossary: glossary, temperature: 1.7);
        var conversations = Conversations(new Random(5), 5);
        using var inMemory = Over(model, encoder, 1.7);
        var expected = inMemory.TagMany(conversations);

        using var loaded = DialogueActTagger.Load(path, new TaggerOptions { Precision = InferencePrecision.Float32 });
        Assert.Equal(1.7, loaded.Temperature);
        Assert.Equal(glossary.Entries.OrderBy(e => e.Key), loaded.Glossary.Entries.OrderBy(e => e.Key));
        var actual = loaded.TagMany(conversations);
        Assert.Equal(Render(expected), Render(actual));

        // Written again from what was read: the same entries.
        var archive = ModelArchive.Read(path);
        using (archive.Model)
        {
            string again = Path.Combine(_directory, "again.zip");
            ModelArchive.Write(again, archive);
            using var reread = DialogueActTagger.Load(again, new TaggerOptions { Precision = InferencePrecision.Float32 });
            Assert.Equal(Render(expected), Render(reread.TagMany(conversations)));
            Assert.Equal("Gamma", reread.Glossary.NameOf("c"));
        }
    }

    [Fact]
    public void AModelWithoutCalibrationOrNamesLoadsAsBefore_AndABadTemperatureIsOneLine()
    {
        var (model, encoder) = Parts(34);
        using var _ = model;
        string path = Path.Combine(_directory, "plain.zip");
        ModelArchive.Write(path, model, encoder, new LabelSet(LabelNames), new ModelMetadata());
        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.Null(zip.GetEntry("calibration.json"));
            Assert.Null(zip.GetEntry("glossary.json"));
        }
        using (var tagger = DialogueActTagger.Load(path))
        {
            Assert.Equal(TemperatureScaling.Identity, tagger.Temperature);
            Assert.True(tagger.Glossary.IsEmpty);
        }

        foreach (var (entry, content, message) in new[]
                 {
                     ("calibration.json", """{"temperature": -2}""", "calibration.json: $.temperature: must be between 0.05 and 20, got -2"),
                     ("calibration.json", """{"temperature": 1e-300}""", "calibration.json: $.temperature: must be between 0.05 and 20, got 1E-300"),
                     ("calibration.json", """{"temperature": 1, "bias": 0}""", "calibration.json: $.bias:"),
                     ("glossary.json", """{"sd": {"name": 7}}""", "glossary.json: $.sd.name: expected a string, got a number"),
                 })
        {
            string broken = Path.Combine(_directory, "broken.zip");
            File.Copy(path, broken, overwrite: true);
            using (var zip = ZipFile.Open(broken, ZipArchiveMode.Update))
            using (var writer = new StreamWriter(zip.CreateEntry(entry).Open()))
                writer.Write(content);
            var error = Assert.Throws<DialogueActsException>(() => ModelArchive.Read(broken));
            Assert.StartsWith($"{broken}: ", error.Message);
            Assert.Contains(message, error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.5)]
    public void ASessionAnswersTheOfflineProbabilitiesAtTheModelsTemperature(double temperature)
    {
        var (model, encoder) = Parts(35, ConversationDirection.Forward);
        using var _ = model;
        using var tagger = Over(model, encoder, temperature);
        var scaled = model.OutputLayer.ManagedScores().Scaled(temperature);
        var random = new Random(8);
        for (int c = 0; c < 3; c++)
        {
            var conversation = Conversations(random, 1)[0];
            int n = conversation.Utterances.Count, k = LabelNames.Length;
            // Offline: the emissions of the whole conversation, every score divided by the temperature, filtered forward.
            var emissions = CrfScores.Scale(OfflineEmissions(model, encoder, conversation), temperature);     // [n*K]
            var filtering = CrfInference.Filtering(scaled, scaled.Initial(emissions.AsSpan(0, k)), emissions.AsSpan(k));
            using (var session = tagger.StartSession(lag: 0))
                for (int i = 0; i < n; i++)
                {
                    var tag = session.Add(conversation.Utterances[i].Speaker, conversation.Utterances[i].Text);
                    foreach (var top in tag.Top) Assert.Equal(filtering[i * k + Array.IndexOf(LabelNames, top.Label)], top.Probability, 1e-4);
                }
            // With a lag covering the conversation, the labels are the offline Viterbi path, whatever the temperature.
            var offline = tagger.Tag(conversation).Utterances;
            var online = SessionReplay.Tag(tagger, [conversation], lag: n)[0].Utterances;
            Assert.Equal(offline.Select(u => u.Label), online.Select(u => u.Label));
        }
    }

    /// <summary>The model's emission scores for a whole conversation, row-major <c>[utterances, labels]</c>.</summary>
    private static float[] OfflineEmissions(HierarchicalTagger model, TextEncoder encoder, Conversation conversation)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var encoded = model.Features.Prepare([conversation], [CorpusEncoder.Encode(conversation, encoder, labels: null)], new FeatureContext(encoder, FeatureResources.None))[0];
        using var batch = BatchBuilder.Build([encoded], model.Features);
        return model.call(batch).contiguous().data<float>().ToArray();                                  // [1*T*K]
    }

    [Fact]
    public void ATemperatureMustBePositive()
    {
        var (model, encoder) = Parts(36);
        using var _ = model;
        foreach (double bad in new[] { 0, -1, 0.01, 25, double.NaN, double.PositiveInfinity })
            Assert.Throws<ArgumentOutOfRangeException>(() => Over(model, encoder, bad));
    }

    /// <summary>A random model (no training) whose CRF scores are scaled up so that paths and confidences differ clearly.</summary>
    private static (HierarchicalTagger Model, TextEncoder Encoder) Parts(int seed, ConversationDirection direction = ConversationDirection.Bidirectional)
    {
        torch.manual_seed(seed);
        var model = new HierarchicalTagger(new ModelOptions
        {
            EmbeddingDim = 8, UtteranceHidden = 18, ConversationHidden = 20, SpeakerFeature = true, SpeakerWindow = 2, ConversationDirection = direction,
        }, new ModelDimensions(30, LabelNames.Length));
        if (model.OutputLayer is LinearChainCrf layer)
            using (torch.no_grad())
            {
                layer.Transitions.mul_(10);
                layer.StartScores.mul_(5);
                layer.EndScores.mul_(5);
            }
        model.eval();
        return (model, new TextEncoder(new TokenizerOptions(), Vocabulary.FromWords(Enumerable.Range(0, 27).Select(i => $"w{i}"))));
    }

    private static DialogueActTagger Over(HierarchicalTagger model, TextEncoder encoder, double temperature) =>
        new(model, encoder, new LabelSet(LabelNames), new ModelMetadata(), new TaggerOptions { Precision = InferencePrecision.Float32 },
            ownsModel: false, temperature: temperature);

    private static IReadOnlyList<Conversation> Conversations(Random random, int count) => Enumerable.Range(0, count).Select(c => new Conversation($"c{c}",
        Enumerable.Range(0, 3 + random.Next(20)).Select(_ => new Utterance(
            ((char)('A' + random.Next(2))).ToString(),
            string.Join(" ", Enumerable.Range(0, 1 + random.Next(6)).Select(_ => $"w{random.Next(30)}")),
            null)).ToArray())).ToArray();

    /// <summary>The conversations labelled with some label, so that they can be scored (the gold labels do not matter here).</summary>
    private static IReadOnlyList<Conversation> Labelled(IReadOnlyList<Conversation> conversations, IReadOnlyList<TaggedConversation> tagged) =>
        conversations.Select((c, i) => c with { Utterances = c.Utterances.Select((u, j) => u with { Label = tagged[i].Utterances[j].Label }).ToArray() }).ToArray();

    private static string Render(IReadOnlyList<TaggedConversation> tagged) => string.Join("\n", tagged.SelectMany(t => t.Utterances)
        .Select(u => $"{u.Label} {u.Confidence:R} {string.Join(",", u.Top.Select(s => $"{s.Label}={s.Probability:R}"))}"));
}
