using System.CommandLine;
using DialogueActs.Training.Configuration;
using DialogueActs.Training;
using Spectre.Console;
using TorchSharp;

namespace DialogueActs.Cli;

/// <summary><c>dialogue-acts train</c>: train a tagger from a JSON config.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Experiment config (JSON).", Required = true };
        var output = new Option<string>("--out") { Description = "Output directory: model.zip, metrics.jsonl, reports.", Required = true };
        var dataDir = new Option<string?>("--data-dir") { Description = $"Directory the config's data paths are relative to (default: data.directory in the config, else ${ExperimentConfig.DataDirectoryVariable})." };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run from its last completed epoch." };
        var set = new Option<string[]>("--set") { Description = "SECTION.KEY=JSON: replace a value of the config (repeatable), e.g. --set training.epochs=1 --set tokenizer.glove=null.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("train", "Train a tagger, keep the best epoch on validation accuracy, calibrate its confidences on valid, then evaluate it on valid and test.")
        {
            config, output, dataDir, resume, set,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var experiment = ExperimentConfig.Load(parse.GetValue(config)!, parse.GetValue(dataDir), parse.GetValue(set) ?? []);
            var outDir = parse.GetValue(output)!;
            torch.set_num_threads(experiment.Training.Threads);                                           // process-wide, so here and not in the trainer
            var resources = ResourceProviders.All(experiment.Training.Threads);
            using var cancellation = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancellation.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                bool interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
                var result = interactive
                    ? ProgressTrainingObserver.Run(observer => new Trainer(experiment, outDir, observer) { ResourceProviders = resources }.Run(parse.GetValue(resume), cancellation.Token))
                    : new Trainer(experiment, outDir, new PlainTrainingObserver(Console.Out)) { ResourceProviders = resources }.Run(parse.GetValue(resume), cancellation.Token);
                Console.WriteLine($"model: {result.ModelPath} (epoch {result.BestEpoch} of {result.EpochsCompleted}; {result.StopReason}; {result.TrainSeconds / 60:F1} min)");
                if (result.Valid is not null) Console.WriteLine($"valid_accuracy {result.Valid.Accuracy:F4}\nvalid_macro_f1 {result.Valid.MacroF1:F4}");
                if (result.Test is not null) Console.WriteLine($"test_accuracy {result.Test.Accuracy:F4}\ntest_macro_f1 {result.Test.MacroF1:F4}");
                return 0;
            }
            catch (Modeling.MissingResourceException ex) when (ex.Request.OptionKey is { } key)
            {
                throw new DialogueActsException($"{parse.GetValue(config)}: $.model.{key}: no provider of this tool offers the {ex.Request.Kind} '{DialogueActsException.Excerpt(ex.Request.Name)}' (this tool knows {string.Join(", ", ResourceProviders.Known)})", ex);
            }
            catch (OperationCanceledException)
            {
                throw new DialogueActsException($"interrupted; the last completed epoch is kept: continue with --resume --out {outDir}");
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return command;
    }
}
