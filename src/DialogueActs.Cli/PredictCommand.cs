using System.CommandLine;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Training.Configuration;
using DialogueActs.Training.Evaluation;

namespace DialogueActs.Cli;

/// <summary><c>dialogue-acts predict</c>: tag conversations (offline, or <c>--online</c> through sessions) and write JSONL with confidences and top alternatives.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model file (model.zip).", Required = true };
        var input = new Option<string>("--input") { Description = "Conversations to tag (CSV or JSONL; labels not needed).", Required = true };
        var output = new Option<string>("--output") { Description = "Output file (.jsonl).", Required = true };
        var topK = new Option<int>("--top-k") { Description = "Alternatives per utterance.", DefaultValueFactory = _ => TaggerOptions.DefaultTopK };
        var online = new OnlineOptions();
        var precision = PrecisionOption.Create();
        var command = new Command("predict", "Tag conversations: the Viterbi label, its CRF marginal as confidence, and the top alternatives (with --online: each utterance's final label in a session).") { model, input, output, topK };
        online.AddTo(command);
        command.Options.Add(precision);
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var mode = online.Read(parse);
            int k = parse.GetValue(topK);
            if (k < 1) throw new DialogueActsException($"--top-k: must be at least 1, got {k}");
            string modelPath = parse.GetValue(model)!;
            var archive = ModelArchive.Read(modelPath);
            using var tagger = DialogueActTagger.Create(archive, new TaggerOptions { TopK = k, ResourceProviders = ResourceProviders.All(), Precision = parse.GetValue(precision) });
            string inputPath = parse.GetValue(input)!;
            var conversations = CorpusReader.Read(inputPath, archive.Input.Columns, requireLabels: false, archive.Input.Format);
            var tagged = mode.Tag(tagger, conversations);
            string outputPath = parse.GetValue(output)!;
            AtomicFile.Write(outputPath, stream => PredictionWriter.Write(stream, conversations, tagged, tagger.Glossary));
            Console.WriteLine($"tagged {tagged.Sum(t => t.Utterances.Count):N0} utterances in {tagged.Count:N0} conversations ({mode}): {outputPath}");
            return 0;
        }));
        return command;
    }
}
