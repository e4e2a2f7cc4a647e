using System.CommandLine;
using DialogueActs.Data;
using DialogueActs.Training.Evaluation;
using DialogueActs.Inference;
using DialogueActs.Training.Configuration;

namespace DialogueActs.Cli;

/// <summary><c>dialogue-acts evaluate</c>: score a model on a labelled corpus (offline, or <c>--online</c> through sessions) and write reports.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model file (model.zip).", Required = true };
        var data = new Option<string>("--data") { Description = "Labelled corpus (CSV or JSONL; CSV columns as in the model's config).", Required = true };
        var output = new Option<string>("--out") { Description = "Output directory for report.json, report.md, errors.jsonl, confusion.png and report.html.", Required = true };
        var online = new OnlineOptions();
        var precision = PrecisionOption.Create();
        var command = new Command("evaluate", "Evaluate a model: accuracy, macro-F1, per-class P/R/F1 and a confusion matrix.") { model, data, output };
        online.AddTo(command);
        command.Options.Add(precision);
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var mode = online.Read(parse);
            string modelPath = parse.GetValue(model)!;
            var archive = ModelArchive.Read(modelPath);
            using var tagger = DialogueActTagger.Create(archive, new TaggerOptions { ResourceProviders = ResourceProviders.All(), Precision = parse.GetValue(precision) });
            string path = parse.GetValue(data)!;
            var conversations = CorpusReader.Read(path, archive.Input.Columns, requireLabels: true, archive.Input.Format);
            var report = TaggerEvaluator.EvaluateWithCalibration(tagger, conversations, path, mode);
            string outDir = parse.GetValue(output)!;
            ReportWriter.Write(report, outDir, new ReportDetails { Model = modelPath, Data = path });
            Console.WriteLine($"mode {mode}");
            Console.WriteLine($"precision {tagger.Precision}");
            Console.WriteLine($"accuracy {report.Accuracy:F4}");
            Console.WriteLine($"macro_f1 {report.MacroF1:F4}");
            Console.WriteLine($"utterances {report.UtteranceCount} in {report.ConversationCount} conversations");
            if (report.UnknownLabels.Count > 0)
                Console.WriteLine($"labels the model never saw (counted as errors): {string.Join(", ", report.UnknownLabels.Select(p => $"{DialogueActsException.Excerpt(p.Key)} ×{p.Value}"))}");
            if (report.Calibration is { } calibration)
                Console.WriteLine(FormattableString.Invariant($"ece {calibration.After.Ece:F4} (temperature {calibration.Temperature:F3}; {calibration.Before.Ece:F4} at temperature 1{(calibration.CrossFitted is { } x ? $", {x.Ece:F4} cross-fitted" : "")})"));
            Console.WriteLine($"reports: {Path.Combine(outDir, ReportWriter.JsonFileName)}, {ReportWriter.MarkdownFileName}, {ReportWriter.ConfusionPngFileName}" +
                              (report.Calibration is null ? "" : $", {ReportWriter.ReliabilityPngFileName}") + $", {ReportWriter.HtmlFileName}");
            return 0;
        }));
        return command;
    }
}
