using DialogueActs.Training.Configuration;
using DialogueActs.Tests.Cli;
using Xunit;

namespace DialogueActs.Tests.Configuration;

public sealed class ShippedConfigTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("shipped-config-tests-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static string ConfigPath(string name)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DialogueActs.sln")))
            {
                return Path.Combine(directory.FullName, "configs", name);
            }
        }
        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void Sample_Loads_WithItsOwnDataDirectory()
    {
        string path = ConfigPath("sample.json");
        ExperimentConfig config = ExperimentConfig.Load(path);
        string expected = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "data", "sample"));
        Assert.Equal(expected, config.Data.Directory);
        Assert.Equal(Path.Combine(expected, "train.csv"), config.Data.Train);
        Assert.Equal(Path.Combine(expected, "valid.csv"), config.Data.Valid);
        Assert.Equal(Path.Combine(expected, "test.csv"), config.Data.Test);
        Assert.Equal("act", config.Data.Columns.Label);
        Assert.Equal("word", config.Tokenizer.Kind);
        Assert.Equal(64, config.Model.EmbeddingDim);
        Assert.Equal(64, config.Model.UtteranceHidden);
        Assert.Equal(64, config.Model.ConversationHidden);
        Assert.Equal(0.2, config.Model.Dropout);
        Assert.Equal(15, config.Training.Epochs);
        Assert.Equal(4, config.Training.Patience);
        Assert.Equal(8, config.Training.BatchSize);
        Assert.Equal(64, config.Training.ChunkLength);
        Assert.Equal(2e-3, config.Training.LearningRate);
        Assert.Equal(2, config.Training.Threads);
    }

    /// <summary>The encoder configs are the base configs plus the sentence encoder, with a budget that leaves room for the first extraction (45 minutes in all).</summary>
    [Theory]
    [InlineData("swda")]
    [InlineData("mrda")]
    public void EncoderVariant_IsTheBaseConfigWithTheSentenceEncoder(string name)
    {
        File.WriteAllText(Path.Combine(_dataDirectory, "train.csv"), "");
        var plain = ExperimentConfig.Load(ConfigPath(name + ".json"), _dataDirectory);
        var encoder = ExperimentConfig.Load(ConfigPath(name + "-minilm.json"), _dataDirectory);
        Assert.Equal("all-MiniLM-L6-v2", encoder.Model.SentenceEncoder);
        Assert.Equal(plain.Model with { SentenceEncoder = encoder.Model.SentenceEncoder }, encoder.Model);
        Assert.Equal(plain.Tokenizer, encoder.Tokenizer);
        Assert.Equal(plain.Data, encoder.Data);
        Assert.Equal(plain.Training with { MaxMinutes = encoder.Training.MaxMinutes }, encoder.Training);
        Assert.InRange(encoder.Training.MaxMinutes!.Value, 1.0, 40.0);
    }

    /// <summary>The transformer configs are the base configs with GloVe 6B 100d, all-MiniLM-L6-v2 inside the model and its learning rate, within a 50-minute training loop.</summary>
    [Theory]
    [InlineData("swda")]
    [InlineData("mrda")]
    public void TransformerVariant_IsTheBaseConfigWithTheTransformerAndGlove100d(string name)
    {
        File.WriteAllText(Path.Combine(_dataDirectory, "train.csv"), "");
        var plain = ExperimentConfig.Load(ConfigPath(name + ".json"), _dataDirectory);
        var transformer = ExperimentConfig.Load(ConfigPath(name + "-transformer.json"), _dataDirectory);
        Assert.Equal(new DialogueActs.Modeling.Transformers.TransformerOptions { TokenStates = new(4, 6), TrainLayers = 1, MaxPieces = 48 }, transformer.Model.Transformer);
        Assert.Equal(plain.Model with { Transformer = transformer.Model.Transformer }, transformer.Model);
        Assert.Equal("glove.6B.100d.txt", Path.GetFileName(transformer.Tokenizer.Glove));
        Assert.Equal(plain.Tokenizer with { Glove = transformer.Tokenizer.Glove }, transformer.Tokenizer);
        Assert.Equal(plain.Data, transformer.Data);
        Assert.Equal(plain.Training with { MaxMinutes = transformer.Training.MaxMinutes }, transformer.Training);
        Assert.InRange(transformer.Training.MaxMinutes!.Value, 1.0, 50.0);
    }

    /// <summary>The online configs are the base configs with a causal (forward) conversation encoder, within the 30-minute training budget.</summary>
    [Theory]
    [InlineData("swda")]
    [InlineData("mrda")]
    public void OnlineVariant_IsTheBaseConfigWithAForwardConversationEncoder(string name)
    {
        File.WriteAllText(Path.Combine(_dataDirectory, "train.csv"), "");
        var plain = ExperimentConfig.Load(ConfigPath(name + ".json"), _dataDirectory);
        var online = ExperimentConfig.Load(ConfigPath(name + "-online.json"), _dataDirectory);
        Assert.Equal(DialogueActs.Modeling.ConversationDirection.Bidirectional, plain.Model.ConversationDirection);
        Assert.Equal(plain.Model with { ConversationDirection = DialogueActs.Modeling.ConversationDirection.Forward }, online.Model);
        Assert.True(online.Model.IsCausal());
        Assert.Equal(plain.Tokenizer, online.Tokenizer);
        Assert.Equal(plain.Data, online.Data);
        Assert.Equal(plain.Training, online.Training);
        Assert.InRange(online.Training.MaxMinutes!.Value, 1.0, 29.0);
    }

    [Theory]
    [InlineData("swda.json", "act")]
    [InlineData("mrda.json", "basic")]
    public void Benchmark_Loads_WithDataDirAndOptionalTest(string name, string label)
    {
        File.WriteAllText(Path.Combine(_dataDirectory, "train.csv"), "");
        ExperimentConfig config = ExperimentConfig.Load(ConfigPath(name), _dataDirectory);
        Assert.Equal(Path.Combine(_dataDirectory, "train.csv"), config.Data.Train);
        Assert.Equal(Path.Combine(_dataDirectory, "valid.csv"), config.Data.Valid);
        Assert.Null(config.Data.Test);
        Assert.Equal(label, config.Data.Columns.Label);
        Assert.Equal(60, config.Tokenizer.MaxTokens);
        Assert.Equal(2, config.Tokenizer.MinCount);
        Assert.Equal(200, config.Model.EmbeddingDim);
        Assert.Equal(128, config.Model.UtteranceHidden);
        Assert.Equal(128, config.Model.ConversationHidden);
        Assert.Equal(128, config.Training.ChunkLength);
        Assert.Equal(8, config.Training.BatchSize);
        Assert.Equal("adam", config.Training.Optimizer);
        Assert.Equal(1e-3, config.Training.LearningRate);
        Assert.Equal(5.0, config.Training.GradientClip);
        Assert.Equal(20, config.Training.Epochs);
        Assert.InRange(config.Training.Patience, 1, 10);                    // early stopping is on
        Assert.InRange(config.Training.MaxMinutes!.Value, 1.0, 30.0); // the accuracy issue's 30-minute budget
        Assert.True(config.Model.SpeakerFeature);
        Assert.Equal(4, config.Model.SpeakerWindow);
        Assert.True(config.Model.MaxPooling);
        Assert.Equal(0.5, config.Training.LearningRateDecay);
        // GloVe sits beside the corpus folders: ../shared/data/{swda,mrda} and ../shared/data/glove.
        Assert.Equal(Path.GetFullPath(Path.Combine(_dataDirectory, "..", "glove", "glove.6B.50d.top5k.txt")), config.Tokenizer.Glove);

        File.WriteAllText(Path.Combine(_dataDirectory, "test.csv"), "");
        Assert.Equal(Path.Combine(_dataDirectory, "test.csv"), ExperimentConfig.Load(ConfigPath(name), _dataDirectory).Data.Test);

        // The label names that `import` writes beside the CSVs, when they are there.
        Assert.Null(config.Data.Glossary);
        File.WriteAllText(Path.Combine(_dataDirectory, "labels.json"), "{}");
        Assert.Equal(Path.Combine(_dataDirectory, "labels.json"), ExperimentConfig.Load(ConfigPath(name), _dataDirectory).Data.Glossary);
    }

    /// <summary>
    /// <c>train</c> with a benchmark config, no <c>--data-dir</c> and no <see cref="ExperimentConfig.DataDirectoryVariable"/>
    /// (removed from the child's environment, whatever this process has) fails with one line that names both fixes.
    /// </summary>
    [Theory]
    [InlineData("swda.json")]
    [InlineData("mrda.json")]
    public void Benchmark_WithoutDataDir_NamesTheFix(string name)
    {
        string path = ConfigPath(name);
        string output = Path.Combine(_dataDirectory, "out");
        var result = CliRunner.Run(new Dictionary<string, string?> { [ExperimentConfig.DataDirectoryVariable] = null },
            "train", "--config", path, "--out", output);
        CliRunner.AssertFailsWith(result, $"{path}: $.data.directory: no data directory; pass --data-dir DIR or set DIALOGUE_ACTS_DATA");
        Assert.False(Directory.Exists(output));
    }
}
