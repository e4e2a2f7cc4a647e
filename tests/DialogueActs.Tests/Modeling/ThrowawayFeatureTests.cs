using System.IO.Compression;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Tests.Training;
using DialogueActs.Text;
using DialogueActs.Training;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Modeling;

/// <summary>
/// The seam, shown end to end: a feature that prepares its own data from an outside resource and keeps its own archive
/// entry, added in one class (<see cref="LetterFeature"/>) and one registry line, trains, saves, reloads, tags and
/// streams a session like the built-in ones.
/// </summary>
public sealed class ThrowawayFeatureTests
{
    /// <summary>The outside resource: a weight per letter, identified by its version.</summary>
    private sealed class LetterWeights(string version, float vowel)
    {
        public string Version { get; } = version;

        public int Calls;

        public float Score(string text)
        {
            Interlocked.Increment(ref Calls);
            return text.Sum(c => "aeiou".Contains(char.ToLowerInvariant(c)) ? vowel : char.IsLetter(c) ? 0.1f : 0f) / 10f;
        }
    }

    /// <summary>
    /// The throwaway feature: per utterance, the letter score of its text (a <c>float[]</c> of 2: the score and its
    /// square), through a linear layer, joined to the utterance vector. It learns the weights' version at training time
    /// and keeps it in its own archive entry; a trained model accepts only that version.
    /// </summary>
    private sealed class LetterFeature(string? version) : UtteranceFeature
    {
        private const string Entry = "weights.json";

        public static LetterFeature From(ModelOptions options, ModelDimensions dimensions) => new(null);

        public static IEnumerable<ModelSize> Sizes(ModelOptions options) => [];

        public override string Name => "letters";

        public override int Size => 3;

        public override string ModuleName => "_letters";

        public override long ParameterCount => 2 * 3 + 3;

        public override bool HasPayload => true;

        public override IReadOnlyList<ResourceRequest> Resources => [new(Name, "letter-weights", version ?? "any", "give LetterWeights in TaggerOptions.Resources")];

        public override ResourceFit Fit(ResourceRequest request, object resource) => resource switch
        {
            LetterWeights w when version is null || w.Version == version => ResourceFit.Fits,
            LetterWeights w => ResourceFit.Mismatch($"trained with version {version}, given {w.Version}"),
            _ => ResourceFit.OtherKind,
        };

        public override ModelFeature Bind(FeatureResources resources) => new LetterFeature(resources.Get<LetterWeights>(Resources[0]).Version);

        public override bool IsBound => version is not null;

        public override IReadOnlyList<FeatureEntry> ArchiveEntries() => [FeatureEntry.OfJson(Entry, new Stored(version!))];

        public override ModelFeature FromArchive(FeatureEntryReader entries) => new LetterFeature(entries.ReadJson<Stored>(Entry).Version);

        public override Array[] Prepare(IReadOnlyList<Conversation> conversations, FeatureContext context)
        {
            var weights = context.Resources.Get<LetterWeights>(Resources[0]);
            return conversations.Select(c => (Array)c.Utterances.Select(u => { float s = weights.Score(u.Text); return new[] { s, s * s }; }).ToArray()).ToArray();
        }

        public override Tensor BuildInput(IReadOnlyList<EncodedConversation> conversations, BatchLayout layout)
        {
            var values = new float[conversations.Count * layout.MaxUtterances * 2];
            for (int b = 0; b < conversations.Count; b++)
            {
                var scores = conversations[b].Payload<float[]>(Name);
                for (int t = 0; t < scores.Length; t++) scores[t].CopyTo(values, (b * layout.MaxUtterances + t) * 2);
            }
            return tensor(values, new long[] { conversations.Count, layout.MaxUtterances, 2 });              // [B, T, 2]
        }

        public override nn.Module<Tensor, Tensor> CreateModule() => nn.Linear(2, 3);

        public override ModelSummaryRow SummaryRow(string? parameterPrefix) => new("letters (Linear)", "(conversations, turns, 3)", ParameterCount, parameterPrefix, null);

        private sealed record Stored(string Version);
    }

    [Fact]
    public void AFeatureWithItsOwnDataResourceAndEntryTrainsSavesReloadsTagsAndStreams()
    {
        using var registration = FeatureSet.Register(LetterFeature.From, LetterFeature.Sizes);               // the one registry line
        using var corpus = new TinyCorpus(trainConversations: 8, seed: 5);
        var config = corpus.Config(epochs: 2, model: ", \"conversationDirection\": \"forward\"");
        var weights = new LetterWeights("v1", vowel: 1f);
        var result = new Trainer(config, Path.Combine(corpus.Directory, "run"), new RecordingObserver()) { Resources = [weights] }.Run(resume: false);
        Assert.True(weights.Calls > 0, "training prepared the feature's data through its resource");

        using (var zip = ZipFile.OpenRead(result.ModelPath))
            Assert.NotNull(zip.GetEntry("features/letters/weights.json"));                                  // its own entry
        var missing = Assert.Throws<MissingResourceException>(() => DialogueActTagger.Load(result.ModelPath));
        Assert.StartsWith("the model's letters feature needs the letter-weights 'v1', and none was given", missing.Message);
        var wrong = Assert.Throws<DialogueActsException>(() => DialogueActTagger.Load(result.ModelPath, new TaggerOptions { Resources = [new LetterWeights("v2", 1f)] }));
        Assert.Equal("the model's letters feature needs the letter-weights 'v1': trained with version v1, given v2", wrong.Message);

        var options = new TaggerOptions { Resources = [weights], Precision = InferencePrecision.Float32 };
        using var tagger = DialogueActTagger.Load(result.ModelPath, options);
        Assert.Equal("letters", tagger.Features.All.Last().Name);
        var conversations = CorpusReader.Read(corpus.ValidPath, config.Data.Columns, requireLabels: true);
        var offline = tagger.TagMany(conversations);
        using (var again = DialogueActTagger.Load(result.ModelPath, options))
            Assert.Equal(offline.SelectMany(c => c.Utterances.Select(u => (u.Label, u.Confidence))), again.TagMany(conversations).SelectMany(c => c.Utterances.Select(u => (u.Label, u.Confidence))));

        // The resource reaches the answers: other weights of the same version change the confidences.
        using (var other = DialogueActTagger.Load(result.ModelPath, options with { Resources = [new LetterWeights("v1", vowel: 9f)] }))
            Assert.NotEqual(offline.SelectMany(c => c.Utterances.Select(u => u.Confidence)), other.TagMany(conversations).SelectMany(c => c.Utterances.Select(u => u.Confidence)));

        // A session with a lag covering the conversation ends on the offline Viterbi path.
        var conversation = conversations[0];
        using var session = tagger.StartSession(lag: conversation.Utterances.Count);
        var labels = new string[conversation.Utterances.Count];
        foreach (var u in conversation.Utterances)
        {
            var tag = session.Add(u.Speaker, u.Text);
            labels[tag.Index] = tag.Label;
            foreach (var r in tag.Revised) labels[r.Index] = r.Label;
        }
        foreach (var r in session.End()) labels[r.Index] = r.Label;
        Assert.Equal(offline[0].Utterances.Select(u => u.Label), labels);
    }
}
