using DialogueActs.Training.Configuration;
using DialogueActs.Data;
using DialogueActs.Modeling;
using DialogueActs.Text;
using Xunit;

namespace DialogueActs.Tests.Configuration;

public sealed class ExperimentConfigTests : IDisposable
{
    private const string File = "configs/x.json";
    private static readonly string _baseDirectory = Path.Combine(Path.GetTempPath(), "configs");
    private static readonly Func<string, string?> _noEnvironment = _ => null;
    private readonly string _directory = Directory.CreateTempSubdirectory("config-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ExperimentConfig Parse(string json, string? dataDir = "/data", Func<string, string?>? environment = null) =>
        ExperimentConfig.Parse(json, File, dataDir, _baseDirectory, environment ?? _noEnvironment);

    private static string Error(string json) =>
        Assert.Throws<DialogueActsException>(() => Parse(json)).Message;

    private static string Minimal(string extra = "") => $$"""{ "data": { "train": "train.csv" }{{extra}} }""";

    [Fact]
    public void Minimal_TakesDefaults()
    {
        ExperimentConfig config = Parse(Minimal());
        Assert.Equal(new TokenizerOptions(), config.Tokenizer);
        Assert.Equal(new ModelOptions(), config.Model);
        Assert.Equal(new TrainingOptions(), config.Training);
        Assert.Equal(new ColumnMapping(), config.Data.Columns);
        Assert.Equal("auto", config.Data.Format);
        Assert.Null(config.Data.Valid);
        Assert.Null(config.Data.Test);
        Assert.False(config.Data.TestOptional);
        Assert.Equal(13, config.Training.Seed);
        Assert.Equal(20, config.Training.Epochs);
        Assert.Equal(5.0, config.Training.GradientClip);
        Assert.Null(config.Training.MaxMinutes);
    }

    [Fact]
    public void UnknownTopLevelKey_IsAnError()
    {
        Assert.Equal("configs/x.json: $.optimizer: unknown key (expected one of \"data\", \"tokenizer\", \"model\", \"training\") (line 1)",
            Error(Minimal(""", "optimizer": "adam" """)));
    }

    [Fact]
    public void TypoInNestedKey_NamesPathAndSuggests()
    {
        string json = """
            {
              "data": { "train": "train.csv" },
              "model": {
                "embedingDim": 100
              }
            }
            """;
        Assert.Equal("configs/x.json: $.model.embedingDim: unknown key (did you mean \"embeddingDim\"?) (line 4)", Error(json));
    }

    [Fact]
    public void KeysAreCaseSensitive()
    {
        Assert.StartsWith("configs/x.json: $.training.LearningRate: unknown key (did you mean \"learningRate\"?)",
            Error(Minimal(""", "training": { "LearningRate": 0.1 }""")));
    }

    [Fact]
    public void UnknownColumnKey_IsAnError()
    {
        Assert.StartsWith("configs/x.json: $.data.columns.labels: unknown key (did you mean \"label\"?)",
            Error("""{ "data": { "train": "t.csv", "columns": { "labels": "act" } } }"""));
    }

    [Theory]
    [InlineData("""{ "data": { "train": "t.csv" }, "training": { "epochs": "10" } }""", "$.training.epochs: expected an integer, got \"10\"")]
    [InlineData("""{ "data": { "train": "t.csv" }, "training": { "epochs": 1.5 } }""", "$.training.epochs: expected an integer, got 1.5")]
    [InlineData("""{ "data": { "train": "t.csv" }, "training": { "learningRate": "1e-3" } }""", "$.training.learningRate: expected a number, got \"1e-3\"")]
    [InlineData("""{ "data": { "train": "t.csv" }, "model": { "useCrf": "yes" } }""", "$.model.useCrf: expected true or false, got \"yes\"")]
    [InlineData("""{ "data": { "train": 5 } }""", "$.data.train: expected a string, got 5")]
    [InlineData("""{ "data": { "train": "t.csv" }, "tokenizer": [] }""", "$.tokenizer: expected an object, got an array")]
    [InlineData("""{ "data": { "train": "t.csv" }, "training": { "maxMinutes": true } }""", "$.training.maxMinutes: expected a number or null, got true")]
    [InlineData("""{ "data": { "train": "t.csv", "valid": 3 } }""", "$.data.valid: expected a string or null, got 3")]
    [InlineData("""[]""", "$: expected an object, got an array")]
    [InlineData("""{ "data": { "train": "t.csv" }, "training": { "learningRate": 1e999 } }""", "$.training.learningRate: expected a number, got 1e999")]
    public void WrongType_NamesPathExpectedAndGot(string json, string message)
    {
        Assert.Equal($"configs/x.json: {message} (line 1)", Error(json));
    }

    [Theory]
    [InlineData("""{ "data": null }""", "$.data: must not be null")]
    [InlineData("""{ "data": { "train": null } }""", "$.data.train: must not be null")]
    [InlineData("""{ "data": { "train": "t.csv" }, "training": { "epochs": null } }""", "$.training.epochs: must not be null")]
    [InlineData("""{ "data": { "train": "t.csv", "columns": { "text": null } } }""", "$.data.columns.text: must not be null")]
    public void NullForNonNullable_IsAnError(string json, string message)
    {
        Assert.Equal($"configs/x.json: {message} (line 1)", Error(json));
    }

    [Fact]
    public void NullForNullable_IsAllowed()
    {
        ExperimentConfig config = Parse(Minimal(""", "training": { "gradientClip": null, "maxMinutes": null } """)
            .Replace("\"train.csv\"", "\"train.csv\", \"valid\": null, \"columns\": { \"order\": null, \"speaker\": null, \"label\": null }"));
        Assert.Null(config.Training.GradientClip);
        Assert.Null(config.Data.Columns.Order);
        Assert.Null(config.Data.Columns.Label);
    }

    [Theory]
    [InlineData(""""training": { "learningRate": -1 }"""", "$.training.learningRate: must be greater than 0, got -1")]
    [InlineData(""""training": { "learningRate": 0 }"""", "$.training.learningRate: must be greater than 0, got 0")]
    [InlineData(""""training": { "epochs": 0 }"""", "$.training.epochs: must be at least 1, got 0")]
    [InlineData(""""training": { "patience": -1 }"""", "$.training.patience: must be at least 0, got -1")]
    [InlineData(""""training": { "batchSize": 0 }"""", "$.training.batchSize: must be at least 1, got 0")]
    [InlineData(""""training": { "chunkLength": 0 }"""", "$.training.chunkLength: must be at least 1, got 0")]
    [InlineData(""""training": { "threads": 0 }"""", "$.training.threads: must be at least 1, got 0")]
    [InlineData(""""training": { "weightDecay": -0.5 }"""", "$.training.weightDecay: must be at least 0, got -0.5")]
    [InlineData(""""training": { "gradientClip": 0 }"""", "$.training.gradientClip: must be greater than 0, got 0")]
    [InlineData(""""training": { "maxMinutes": -2.5 }"""", "$.training.maxMinutes: must be greater than 0, got -2.5")]
    [InlineData(""""training": { "wordDropout": 0.1 }"""", "$.training.wordDropout: was removed in this version (word dropout gave no measured accuracy gain); delete it")]
    [InlineData(""""training": { "weightAveraging": 0 }"""", "$.training.weightAveraging: was removed in this version (averaging the weights gave no measured accuracy gain); delete it")]
    [InlineData(""""training": { "learningRateDecay": 0 }"""", "$.training.learningRateDecay: must be in (0, 1], got 0")]
    [InlineData(""""training": { "learningRateDecay": 1.5 }"""", "$.training.learningRateDecay: must be in (0, 1], got 1.5")]
    [InlineData(""""model": { "speakerWindow": 0 }"""", "$.model.speakerWindow: must be at least 1, got 0")]
    [InlineData(""""model": { "characterFilters": -1 }"""", "$.model.characterFilters: must be at least 0, got -1")]
    [InlineData(""""model": { "characterEmbeddingDim": 0 }"""", "$.model.characterEmbeddingDim: must be at least 1, got 0")]
    [InlineData(""""training": { "optimizer": "Adam" }"""", "$.training.optimizer: must be one of \"adam\", \"adamw\", \"sgd\", got \"Adam\"")]
    [InlineData(""""model": { "dropout": 1.5 }"""", "$.model.dropout: must be in [0, 1), got 1.5")]
    [InlineData(""""model": { "embeddingDim": 0 }"""", "$.model.embeddingDim: must be at least 1, got 0")]
    [InlineData(""""model": { "embeddingDim": 1000000000 }"""", "$.model.embeddingDim: must be at most 16777216, got 1000000000")]
    [InlineData(""""model": { "utteranceHidden": -3 }"""", "$.model.utteranceHidden: must be at least 1, got -3")]
    [InlineData(""""model": { "conversationHidden": 0 }"""", "$.model.conversationHidden: must be at least 1, got 0")]
    [InlineData(""""model": { "utteranceHidden": 100 }"""", "$.model.utteranceHidden: 100 leaves a remainder of 4 modulo 32: libtorch's LSTM computes wrong results for such sizes on AVX-512 CPUs (a remainder of 1 to 16; docs/reliability.md); use 128 or another multiple of 32, or a size with a remainder of 17 to 31")]
    [InlineData(""""model": { "conversationHidden": 16 }"""", "$.model.conversationHidden: 16 leaves a remainder of 16 modulo 32: libtorch's LSTM computes wrong results for such sizes on AVX-512 CPUs (a remainder of 1 to 16; docs/reliability.md); use 32 or another multiple of 32, or a size with a remainder of 17 to 31")]
    [InlineData(""""model": { "vocabularySize": 5000 }"""", "$.model.vocabularySize: was removed in this version (the training data sets it); delete it")]
    [InlineData(""""model": { "labelCount": 42 }"""", "$.model.labelCount: was removed in this version (the training data sets it); delete it")]
    [InlineData(""""model": { "sentenceDim": 384 }"""", "$.model.sentenceDim: was removed in this version (the sentence encoder sets it); delete it")]
    [InlineData(""""model": { "conversationDirection": "sideways" }"""", "$.model.conversationDirection: must be one of \"bidirectional\", \"forward\", got \"sideways\"")]
    [InlineData(""""model": { "conversationDirection": "forward", "useConversationLstm": false }"""", "$.model.conversationDirection: \"forward\" needs the conversation LSTM; remove it, or set useConversationLstm to true")]
    [InlineData(""""model": { "sentenceEncoder": " " }"""", "$.model.sentenceEncoder: must not be empty")]
    [InlineData(""""model": { "frozenVectors": true }"""", "$.model.frozenVectors: was removed in this version (the frozen table of pretrained vectors gave no measured accuracy gain); delete it")]
    [InlineData(""""training": { "sentenceCache": "" }"""", "$.training.sentenceCache: must not be empty")]
    [InlineData(""""tokenizer": { "kind": "bpe" }"""", "$.tokenizer.kind: must be one of \"word\", \"cl100k\", got \"bpe\"")]
    [InlineData(""""tokenizer": { "maxTokens": 0 }"""", "$.tokenizer.maxTokens: must be at least 1, got 0")]
    [InlineData(""""tokenizer": { "minCount": 0 }"""", "$.tokenizer.minCount: must be at least 1, got 0")]
    [InlineData(""""tokenizer": { "maxVocabulary": 3 }"""", "$.tokenizer.maxVocabulary: must be at least 4, got 3")]
    [InlineData(""""tokenizer": { "glove": "" }"""", "$.tokenizer.glove: must not be empty")]
    public void OutOfRange_NamesPathAndValue(string section, string message) // section lacks its opening quote
    {
        Assert.Equal($"configs/x.json: {message} (line 1)", Error(Minimal(", \"" + section)));
    }

    [Theory]
    [InlineData("""{ "data": { "train": "t.csv", "format": "tsv" } }""", "$.data.format: must be one of \"auto\", \"csv\", \"jsonl\", got \"tsv\"")]
    [InlineData("""{ "data": { "train": " " } }""", "$.data.train: must not be empty")]
    [InlineData("""{ "data": { "train": "t.csv", "columns": { "label": "" } } }""", "$.data.columns.label: must not be empty")]
    public void InvalidDataValues_NamePath(string json, string message)
    {
        Assert.Equal($"configs/x.json: {message} (line 1)", Error(json));
    }

    [Fact]
    public void MissingData_IsRequired()
    {
        Assert.Equal("configs/x.json: $.data: required key is missing (line 1)", Error("""{ "training": {} }"""));
    }

    [Fact]
    public void MissingTrain_IsRequired()
    {
        string json = """
            {
              "data": {
                "valid": "v.csv"
              }
            }
            """;
        Assert.Equal("configs/x.json: $.data.train: required key is missing (line 2)", Error(json));
    }

    [Fact]
    public void DuplicateKey_IsAnError()
    {
        Assert.Equal("configs/x.json: $.data.train: duplicate key (line 1)", Error("""{ "data": { "train": "a.csv", "train": "b.csv" } }"""));
    }

    [Fact]
    public void InvalidSyntax_NamesFileAndLine()
    {
        string json = "{\n  \"data\": { \"train\": \"t.csv\" },\n  \"training\": { \"epochs\": 3, }\n}";
        string message = Error(json);
        Assert.StartsWith("configs/x.json: invalid JSON: ", message);
        Assert.EndsWith("(line 3)", message);
    }

    [Fact]
    public void TrailingContent_IsInvalidJson()
    {
        string message = Error(Minimal() + "\n}");
        Assert.StartsWith("configs/x.json: invalid JSON: ", message);
        Assert.EndsWith("(line 2)", message);
    }

    [Fact]
    public void EmptyText_IsInvalidJson()
    {
        Assert.Equal("configs/x.json: invalid JSON: the file is empty", Error("  "));
    }

    [Fact]
    public void Comments_AreAllowed()
    {
        ExperimentConfig config = Parse("""
            {
              // the corpus
              "data": { "train": "t.csv" } /* done */
            }
            """);
        Assert.Equal(Path.GetFullPath("/data/t.csv"), config.Data.Train);
    }

    [Fact]
    public void Load_MissingFile_IsFileNotFound()
    {
        string path = Path.Combine(_directory, "nope.json");
        var ex = Assert.Throws<DialogueActsException>(() => ExperimentConfig.Load(path));
        Assert.Equal($"{path}: file not found", ex.Message);
    }

    [Fact]
    public void Load_ErrorsNameTheGivenPath()
    {
        string path = Path.Combine(_directory, "bad.json");
        System.IO.File.WriteAllText(path, """{ "data": { "train": "t.csv" }, "training": { "learningRate": -1 } }""");
        var ex = Assert.Throws<DialogueActsException>(() => ExperimentConfig.Load(path, _directory));
        Assert.Equal($"{path}: $.training.learningRate: must be greater than 0, got -1 (line 1)", ex.Message);
    }

    [Fact]
    public void DataDir_OverrideWins()
    {
        string json = """{ "data": { "directory": "corpus", "train": "train.csv", "valid": "sub/valid.csv", "test": "/abs/test.csv" } }""";
        ExperimentConfig config = Parse(json, dataDir: "/override", environment: _ => "/env");
        Assert.Equal(Path.GetFullPath("/override"), config.Data.Directory);
        Assert.Equal(Path.GetFullPath("/override/train.csv"), config.Data.Train);
        Assert.Equal(Path.GetFullPath("/override/sub/valid.csv"), config.Data.Valid);
        Assert.Equal("/abs/test.csv", config.Data.Test);
    }

    [Fact]
    public void DataDir_DirectoryIsRelativeToTheConfigFolder()
    {
        string json = """{ "data": { "directory": "../data/sample", "train": "train.csv" }, "tokenizer": { "glove": "glove/v.txt" } }""";
        ExperimentConfig config = Parse(json, dataDir: null, environment: _ => "/env");
        string expected = Path.GetFullPath(Path.Combine(_baseDirectory, "../data/sample"));
        Assert.Equal(expected, config.Data.Directory);
        Assert.Equal(Path.Combine(expected, "train.csv"), config.Data.Train);
        Assert.Equal(Path.Combine(expected, "glove", "v.txt"), config.Tokenizer.Glove);
    }

    [Fact]
    public void DataDir_EnvironmentVariableIsTheFallback()
    {
        string? asked = null;
        ExperimentConfig config = Parse(Minimal(), dataDir: null, environment: name => { asked = name; return "/env/data"; });
        Assert.Equal("DIALOGUE_ACTS_DATA", asked);
        Assert.Equal(Path.GetFullPath("/env/data/train.csv"), config.Data.Train);
    }

    [Fact]
    public void DataDir_NoneAvailable_IsAnError()
    {
        var ex = Assert.Throws<DialogueActsException>(() => Parse(Minimal(), dataDir: null, environment: _ => ""));
        Assert.Equal("configs/x.json: $.data.directory: no data directory; pass --data-dir DIR or set DIALOGUE_ACTS_DATA", ex.Message);
    }

    [Fact]
    public void DataDir_NotNeededForAbsolutePaths()
    {
        ExperimentConfig config = Parse("""{ "data": { "train": "/x/train.csv" } }""", dataDir: null);
        Assert.Equal("/x/train.csv", config.Data.Train);
        Assert.Null(config.Data.Directory);
    }

    [Fact]
    public void TestOptional_DropsMissingTestFile_ButKeepsExistingOne()
    {
        string json = """{ "data": { "train": "train.csv", "test": "test.csv", "testOptional": true } }""";
        Assert.Null(Parse(json, dataDir: _directory).Data.Test);
        System.IO.File.WriteAllText(Path.Combine(_directory, "test.csv"), "");
        Assert.Equal(Path.Combine(_directory, "test.csv"), Parse(json, dataDir: _directory).Data.Test);
        Assert.Equal(Path.Combine(_directory, "test.csv"),
            Parse(json.Replace("true", "false"), dataDir: _directory).Data.Test);
    }

    [Fact]
    public void Glossary_ResolvesInTheDataDirectory_AndGlossaryOptionalDropsAMissingFile()
    {
        string json = """{ "data": { "train": "train.csv", "glossary": "labels.json", "glossaryOptional": true } }""";
        Assert.Null(Parse(json, dataDir: _directory).Data.Glossary);
        System.IO.File.WriteAllText(Path.Combine(_directory, "labels.json"), "{}");
        Assert.Equal(Path.Combine(_directory, "labels.json"), Parse(json, dataDir: _directory).Data.Glossary);
        string required = """{ "data": { "train": "train.csv", "glossary": "missing.json" } }""";
        Assert.Equal(Path.Combine(_directory, "missing.json"), Parse(required, dataDir: _directory).Data.Glossary);
        Assert.StartsWith("configs/x.json: $.data.glosary: unknown key",
            Error("""{ "data": { "train": "train.csv", "glosary": "labels.json" } }"""));
        Assert.StartsWith("configs/x.json: $.data.glossary:", Error("""{ "data": { "train": "train.csv", "glossary": 3 } }"""));
    }

    [Fact]
    public void SetOverridesReplaceValuesBeforeValidation_AndBadOnesAreOneLine()
    {
        string path = Path.Combine(_directory, "config.json");
        System.IO.File.WriteAllText(path, """{ "data": { "train": "train.csv", "columns": { "label": "act" } }, "training": { "epochs": 20 } }""");
        var config = ExperimentConfig.Load(path, _directory, ["training.epochs=1", "tokenizer.glove=null", "data.columns.label=\"basic\"", "model.useCrf=false"]);
        Assert.Equal(1, config.Training.Epochs);
        Assert.Null(config.Tokenizer.Glove);
        Assert.Equal("basic", config.Data.Columns.Label);
        Assert.False(config.Model.UseCrf);
        Assert.Equal(20, ExperimentConfig.Load(path, _directory).Training.Epochs);

        string Fails(string set) => Assert.Throws<DialogueActsException>(() => ExperimentConfig.Load(path, _directory, [set])).Message;
        Assert.Equal("--set epochs=1: expected SECTION.KEY=JSON, e.g. training.epochs=1", Fails("epochs=1"));
        Assert.Equal("--set training.epochs: expected SECTION.KEY=JSON, e.g. training.epochs=1", Fails("training.epochs"));
        Assert.StartsWith("--set data.format=csv: the value is not JSON", Fails("data.format=csv"));
        Assert.StartsWith($"--set data.train.x=1: $.data.train is not an object in {path}", Fails("data.train.x=1"));
        Assert.StartsWith($"{path} with --set: $.training.epochs: must be at least 1, got 0", Fails("training.epochs=0"));
        Assert.StartsWith($"{path} with --set: $.training.epoch: unknown key", Fails("training.epoch=3"));
    }

    [Fact]
    public void TestNotOptional_KeepsMissingTestFile()
    {
        string json = """{ "data": { "train": "train.csv", "test": "test.csv" } }""";
        Assert.Equal(Path.Combine(_directory, "test.csv"), Parse(json, dataDir: _directory).Data.Test);
    }

    [Fact]
    public void ToJson_FromJson_RoundTripsExactly()
    {
        var config = new ExperimentConfig
        {
            Data = new DataOptions
            {
                Directory = "/d",
                Train = "/d/train.csv",
                Valid = null,
                Test = "/d/té st.csv",
                TestOptional = true,
                Format = "jsonl",
                Columns = new ColumnMapping { Order = null, Speaker = "who", Label = "act" },
            },
            Tokenizer = new TokenizerOptions { Kind = "cl100k", Lowercase = false, MaxTokens = 7, MinCount = 3, MaxVocabulary = 99, Glove = "/g.txt" },
            Model = new ModelOptions { EmbeddingDim = 50, UtteranceHidden = 24, ConversationHidden = 20, Dropout = 0.1, UseCrf = false, UseConversationLstm = false },
            Training = new TrainingOptions
            {
                Seed = -4, Epochs = 2, Patience = 0, BatchSize = 3, ChunkLength = 5, Optimizer = "sgd", LearningRate = 0.1 + 0.2,
                WeightDecay = 1e-5, GradientClip = null, Threads = 1, MaxMinutes = 0.5,
            },
        };
        string json = config.ToJson();
        ExperimentConfig read = ExperimentConfig.FromJson(json, "archive:config.json");
        Assert.Equal(config, read);
        Assert.Equal(json, read.ToJson());
    }

    [Fact]
    public void ToJson_OfLoadedConfig_ParsesBackEqual()
    {
        ExperimentConfig config = Parse(Minimal(), dataDir: "/data");
        Assert.Equal(config, Parse(config.ToJson(), dataDir: null));
        Assert.Contains("\"learningRate\": 0.001", config.ToJson());
        Assert.Contains("\"maxMinutes\": null", config.ToJson());
    }

    // Found by the fuzzer (scripts/Fuzz): one-line, bounded messages, and no InvalidOperationException.

    [Fact]
    public void UnpairedSurrogateEscapeInAValue_NamesThePath()
    {
        Assert.Equal("configs/x.json: $.data.train: is not valid text (a \\u escape is an unpaired UTF-16 surrogate) (line 1)",
            Error("""{ "data": { "train": "tr\ud800ain.csv" } }"""));
    }

    [Fact]
    public void UnpairedSurrogateEscapeInAKey_NamesTheObject()
    {
        Assert.Equal("configs/x.json: $.data.<key>: is not valid text (a \\u escape is an unpaired UTF-16 surrogate) (line 1)",
            Error("""{ "data": { "tr\udc00ain": "train.csv" } }"""));
    }

    [Fact]
    public void UnpairedSurrogateWhereANumberBelongs_IsAKindError()
    {
        Assert.Equal("configs/x.json: $.training.epochs: expected an integer, got a string (line 1)",
            Error(Minimal(""", "training": { "epochs": "\ud800" }""")));
    }

    [Fact]
    public void UnknownKeyOfMegabytes_IsQuotedAsAnExcerpt()
    {
        string key = new('k', 3 * 1024 * 1024);
        string message = Error(Minimal($$""", "{{key}}": 1"""));
        Assert.StartsWith($"configs/x.json: $['{new string('k', 40)}...']: unknown key", message);
        Assert.True(message.Length < 300, message.Length.ToString());
    }

    [Fact]
    public void InvalidLiteralBeforeALineBreak_IsAOneLineError()
    {
        string message = Error("{ \"data\": t,,rue, \"x\": 1,\n  \"y\": 2 }");
        Assert.StartsWith("configs/x.json: invalid JSON: 't,,rue, \"x\": 1,", message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void InvalidChoiceWithALineBreak_IsQuotedOnOneLine()
    {
        Assert.Equal("configs/x.json: $.training.optimizer: must be one of \"adam\", \"adamw\", \"sgd\", got \"ad\\nam\" (line 1)",
            Error(Minimal(""", "training": { "optimizer": "ad\nam" }""")));
    }

    // Found while fuzzing: a NUL character in a path reached Path.GetFullPath (ArgumentException, an internal error).
    [Theory]
    [InlineData("""{ "data": { "train": "tr\u0000ain.csv" } }""", "$.data.train", "tr\\u0000ain.csv")]
    [InlineData("""{ "data": { "directory": "d\u0000", "train": "train.csv" } }""", "$.data.directory", "d\\u0000")]
    [InlineData("""{ "data": { "train": "train.csv" }, "tokenizer": { "glove": "\u0000" } }""", "$.tokenizer.glove", "\\u0000")]
    public void NulCharacterInAPath_NamesThePath(string json, string path, string shown)
    {
        Assert.Equal($"configs/x.json: {path}: must not contain a NUL character (\\u0000), got \"{shown}\" (line 1)", Error(json));
    }
}
