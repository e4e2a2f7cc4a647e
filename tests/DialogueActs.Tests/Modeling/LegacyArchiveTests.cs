using DialogueActs.Inference;
using DialogueActs.Modeling;
using TorchSharp;

namespace DialogueActs.Tests.Modeling;

/// <summary>Models written before features were pluggable load under the same parameter names and tag the same.</summary>
public sealed class LegacyArchiveTests
{
    [Fact]
    public void AnArchiveWrittenBeforeFeaturesWerePluggableLoadsAndTagsTheSame()
    {
        string path = Path.Combine(Path.GetTempPath(), $"legacy-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, LegacyArchive.Bytes());
        try
        {
            using var tagger = DialogueActTagger.Load(path, new TaggerOptions { Precision = InferencePrecision.Float32 });  // the float32 values it was written with
            Assert.Equal(new[] { CharacterFeature.FeatureName, SpeakerChangeFeature.FeatureName },
                tagger.Features.All.Skip(1).Select(f => f.Name));
            var tagged = tagger.TagMany(LegacyArchiveData.Conversations()).SelectMany(c => c.Utterances).ToArray();
            Assert.Equal(LegacyArchive.Expected.Length, tagged.Length);
            for (int u = 0; u < tagged.Length; u++)
            {
                var (label, probabilities) = LegacyArchive.Expected[u];
                Assert.Equal(label, tagged[u].Label);
                var actual = tagged[u].Top.OrderBy(s => s.Label, StringComparer.Ordinal).Select(s => s.Probability).ToArray();
                for (int k = 0; k < probabilities.Length; k++)
                    Assert.True(Math.Abs(probabilities[k] - actual[k]) < 1e-5, $"utterance {u}, label {k}: {actual[k]}, expected {probabilities[k]}");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A model written with an option this version removed is refused with one line naming it; unused, the key is accepted.</summary>
    [Theory]
    [InlineData(true, "the model uses frozenVectors, an option this version removed (the frozen table of pretrained vectors gave no measured accuracy gain); retrain it without frozenVectors")]
    [InlineData(false, null)]
    public void AnArchiveWhoseModelUsesARemovedOptionIsRefusedNamingIt(bool used, string? error)
    {
        string path = Path.Combine(Path.GetTempPath(), $"legacy-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, LegacyArchive.Bytes());
        try
        {
            using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
            {
                var entry = zip.GetEntry("model.json")!;
                System.Text.Json.Nodes.JsonObject model;
                using (var reader = new StreamReader(entry.Open())) model = System.Text.Json.Nodes.JsonNode.Parse(reader.ReadToEnd())!.AsObject();
                model["frozenVectors"] = used;
                model["frozenVectorWords"] = used ? 12 : 0;
                entry.Delete();
                using var writer = new StreamWriter(zip.CreateEntry("model.json").Open());
                writer.Write(model.ToJsonString());
            }
            if (error is null)
            {
                using var tagger = DialogueActTagger.Load(path);
                Assert.NotEmpty(tagger.Labels);
            }
            else
            {
                var refused = Assert.Throws<DialogueActsException>(() => DialogueActTagger.Load(path));
                Assert.Equal($"{path}: model.json: {error}", refused.Message);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Model files and training checkpoints store weights by parameter name and optimizer state by parameter
    /// order, so both stay those of the tagger before features were pluggable.
    /// </summary>
    [Fact]
    public void ParameterNamesShapesAndOrderAreUnchanged()
    {
        using var scope = torch.NewDisposeScope();
        using var model = ModelFixtures.Model(ModelFixtures.SmallOptions(speaker: true, speakerWindow: 2, maxPooling: true, characterFilters: 4));
        Assert.Equal(LegacyArchive.ParameterNames, model.named_parameters().Select(p => $"{p.name} [{string.Join(", ", p.parameter.shape)}]"));
    }
}
