using System.CommandLine;
using DialogueActs.Modeling;
using Spectre.Console;

namespace DialogueActs.Cli;

/// <summary><c>dialogue-acts summary</c>: a Keras-style table of layers, output shapes and parameter counts.</summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var defaults = new ModelOptions();
        var vocabSize = new Option<int>("--vocab-size") { Description = "Vocabulary size, including the padding and unknown ids.", Required = true };
        var labels = new Option<int>("--labels") { Description = "Number of dialogue-act labels.", Required = true };
        var embedding = new Option<int>("--embedding") { Description = "Word embedding dimension.", DefaultValueFactory = _ => defaults.EmbeddingDim };
        var utteranceHidden = new Option<int>("--utterance-hidden") { Description = "Utterance Bi-LSTM units per direction.", DefaultValueFactory = _ => defaults.UtteranceHidden };
        var conversationHidden = new Option<int>("--conversation-hidden") { Description = "Conversation Bi-LSTM units per direction.", DefaultValueFactory = _ => defaults.ConversationHidden };
        var command = new Command("summary", "Print the model's layers, output shapes and trainable parameter counts.")
        {
            vocabSize, labels, embedding, utteranceHidden, conversationHidden,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var dimensions = new ModelDimensions(parse.GetValue(vocabSize), parse.GetValue(labels));
            var options = defaults with
            {
                EmbeddingDim = parse.GetValue(embedding),
                UtteranceHidden = parse.GetValue(utteranceHidden),
                ConversationHidden = parse.GetValue(conversationHidden),
            };
            Check(dimensions.VocabularySize, "--vocab-size", 3);
            Check(dimensions.LabelCount, "--labels", 1);
            Check(options.EmbeddingDim, "--embedding", 1);
            Check(options.UtteranceHidden, "--utterance-hidden", 1);
            Check(options.ConversationHidden, "--conversation-hidden", 1);
            Write(options, dimensions, Console.Out);
            return 0;
        }));
        return command;
    }

    private static void Check(int value, string name, int minimum)
    {
        if (value < minimum) throw new DialogueActsException($"{name}: must be at least {minimum}, got {value}");
    }

    /// <summary>Writes the table as plain text.</summary>
    internal static void Write(ModelOptions options, ModelDimensions dimensions, TextWriter output)
    {
        var rows = ModelSummary.Rows(options, dimensions);
        int layerWidth = Math.Max("Layer (type)".Length, rows.Max(r => r.Layer.Length));
        int shapeWidth = Math.Max("Output shape".Length, rows.Max(r => r.OutputShape.Length));
        int countWidth = Math.Max("Params".Length, rows.Max(r => r.Parameters.ToString("N0").Length));
        int width = layerWidth + shapeWidth + countWidth + 6;
        string rule = new('─', width), heavy = new('═', width);
        output.WriteLine($"Model: hierarchical Bi-LSTM-CRF (vocabulary {dimensions.VocabularySize:N0}, {dimensions.LabelCount} labels)");
        output.WriteLine(heavy);
        output.WriteLine($"{"Layer (type)".PadRight(layerWidth)}   {"Output shape".PadRight(shapeWidth)}   {"Params".PadLeft(countWidth)}");
        output.WriteLine(heavy);
        foreach (var row in rows)
        {
            output.WriteLine($"{row.Layer.PadRight(layerWidth)}   {row.OutputShape.PadRight(shapeWidth)}   {row.Parameters.ToString("N0").PadLeft(countWidth)}");
            if (row.Note is not null) output.WriteLine($"    └ {row.Note}");
            output.WriteLine(rule);
        }
        long total = ModelSummary.Total(options, dimensions);
        output.WriteLine($"Total params: {total:N0} ({total * 4 / 1024.0 / 1024.0:F2} MiB as float32)");
        output.WriteLine($"Trainable params: {total:N0}");
        output.WriteLine("Dimensions: utterances = all utterances of the batch, tokens = longest utterance, conversations = batch size, turns = longest conversation.");
    }
}
