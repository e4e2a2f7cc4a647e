using System.CommandLine;
using System.Globalization;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using Spectre.Console;

namespace DialogueActs.Cli;

/// <summary>
/// <c>dialogue-acts summary</c>: a Keras-style table of layers, output shapes and parameter counts, for sizes given on the
/// command line or for a trained model (<c>--model</c>), whose labels it then lists with their names.
/// </summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var defaults = new ModelOptions();
        var model = new Option<string?>("--model") { Description = "A trained model (model.zip): its layers, then its labels with their names (instead of the size options)." };
        var vocabSize = new Option<int?>("--vocab-size") { Description = "Vocabulary size, including the padding and unknown ids (required without --model)." };
        var labels = new Option<int?>("--labels") { Description = "Number of dialogue-act labels (required without --model)." };
        var embedding = new Option<int>("--embedding") { Description = "Word embedding dimension.", DefaultValueFactory = _ => defaults.EmbeddingDim };
        var utteranceHidden = new Option<int>("--utterance-hidden") { Description = "Utterance Bi-LSTM units per direction.", DefaultValueFactory = _ => defaults.UtteranceHidden };
        var conversationHidden = new Option<int>("--conversation-hidden") { Description = "Conversation Bi-LSTM units per direction.", DefaultValueFactory = _ => defaults.ConversationHidden };
        var command = new Command("summary", "Print the model's layers, output shapes and trainable parameter counts.")
        {
            model, vocabSize, labels, embedding, utteranceHidden, conversationHidden,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            if (parse.GetValue(model) is { } path)
            {
                foreach (var option in new Option[] { vocabSize, labels, embedding, utteranceHidden, conversationHidden })
                    if (parse.GetResult(option) is { Implicit: false })
                        throw new DialogueActsException($"{option.Name}: the sizes come from --model; give one or the other");
                var archive = ModelArchive.Read(path);
                using (archive.Model)
                {
                    Write(archive.Model.Options, archive.Model.Dimensions, Console.Out, archive.Model.Features);
                    WriteLabels(archive, Console.Out);
                }
                return 0;
            }
            if (parse.GetValue(vocabSize) is not int vocabulary) throw new DialogueActsException("--vocab-size: required (or give --model)");
            if (parse.GetValue(labels) is not int labelCount) throw new DialogueActsException("--labels: required (or give --model)");
            var dimensions = new ModelDimensions(vocabulary, labelCount);
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

    /// <summary>The model's labels in index order, with their names when it has a glossary, and its temperature.</summary>
    internal static void WriteLabels(ModelArchiveContents archive, TextWriter output)
    {
        var labels = archive.Labels.Labels;
        int width = Math.Max("Label".Length, labels.Max(l => l.Length));
        output.WriteLine();
        output.WriteLine(archive.Glossary.IsEmpty ? $"Labels ({labels.Count}, in index order; the model has no names for them):" : $"Labels ({labels.Count}, in index order):");
        for (int i = 0; i < labels.Count; i++)
        {
            string name = archive.Glossary.NameOf(labels[i]) ?? "";
            output.WriteLine($"{i,4}  {labels[i].PadRight(width)}  {name}".TrimEnd());
        }
        output.WriteLine(archive.Temperature == TemperatureScaling.Identity
            ? "Confidences: the CRF's marginals (temperature 1: not calibrated)"
            : string.Create(CultureInfo.InvariantCulture, $"Confidences: calibrated, temperature {archive.Temperature:0.000}"));
    }

    /// <summary>Writes the table as plain text.</summary>
    internal static void Write(ModelOptions options, ModelDimensions dimensions, TextWriter output, FeatureSet? features = null)
    {
        var rows = ModelSummary.Rows(options, dimensions, features);
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
        long total = ModelSummary.Total(options, dimensions, features);
        output.WriteLine($"Total params: {total:N0} ({total * 4 / 1024.0 / 1024.0:F2} MiB as float32)");
        output.WriteLine($"Trainable params: {total:N0}");
        output.WriteLine("Dimensions: utterances = all utterances of the batch, tokens = longest utterance, conversations = batch size, turns = longest conversation.");
    }
}
