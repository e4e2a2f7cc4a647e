using System.CommandLine;
using System.Globalization;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Training.Evaluation;

namespace DialogueActs.Cli;

/// <summary>
/// <c>dialogue-acts calibrate</c>: fit the temperature of an existing model's confidences on labelled conversations it did
/// not train on (its valid split) and write the model with it (<see cref="ModelCalibrator"/>; training does the same after
/// its last epoch).
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model file (model.zip).", Required = true };
        var data = new Option<string>("--data") { Description = "Labelled conversations the model did not train on, its valid split (CSV or JSONL; CSV columns as in the model's config).", Required = true };
        var output = new Option<string>("--out") { Description = "The calibrated model file to write (may be --model itself).", Required = true };
        var command = new Command("calibrate", "Fit the temperature of a model's confidences on its valid split (the labels never change) and write the calibrated model.")
        {
            model, data, output,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            string modelPath = parse.GetValue(model)!, dataPath = parse.GetValue(data)!, outPath = parse.GetValue(output)!;
            CorpusInput input;
            var archive = ModelArchive.Read(modelPath);
            using (archive.Model) input = archive.Input;
            var conversations = CorpusReader.Read(dataPath, input.Columns, requireLabels: true, input.Format);
            var report = ModelCalibrator.Calibrate(modelPath, conversations, dataPath, outPath, new TaggerOptions { ResourceProviders = ResourceProviders.All() })
                         ?? throw new DialogueActsException($"{dataPath}: no utterance has a label the model knows, so there is nothing to fit a temperature on");
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"temperature {report.Temperature:0.0000}"));
            Console.WriteLine(string.Create(c, $"before: ece {report.Before.Ece:0.0000}, brier {report.Before.Brier:0.0000}, nll {report.Before.NegativeLogLikelihood:0.0000}"));
            Console.WriteLine(string.Create(c, $"after (fitted on these conversations): ece {report.After.Ece:0.0000}, brier {report.After.Brier:0.0000}, nll {report.After.NegativeLogLikelihood:0.0000}"));
            if (report.CrossFitted is { } x)
                Console.WriteLine(string.Create(c, $"after (2-fold cross-fitted, temperatures {report.CrossFitTemperatures[0]:0.0000} and {report.CrossFitTemperatures[1]:0.0000}): ece {x.Ece:0.0000}, brier {x.Brier:0.0000}, nll {x.NegativeLogLikelihood:0.0000}"));
            Console.WriteLine($"model: {outPath}");
            return 0;
        }));
        return command;
    }
}
