using System.CommandLine;
using DialogueActs.Cli;

var root = new RootCommand("DialogueActs: tag each utterance of a conversation with its dialogue act (hierarchical Bi-LSTM-CRF).");
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(CalibrateCommand.Create());
root.Subcommands.Add(PredictCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(SummaryCommand.Create());
root.Subcommands.Add(PlotCurvesCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
return root.Parse(args).Invoke();
