using System.CommandLine;
using DialogueActs.Training.Evaluation;

namespace DialogueActs.Cli;

/// <summary><c>dialogue-acts plot-curves</c>: validation accuracy by epoch from metrics.jsonl files.</summary>
internal static class PlotCurvesCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("runs") { Description = "Curves as NAME=PATH/metrics.jsonl (or just a path).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Output PNG.", Required = true };
        var title = new Option<string>("--title") { Description = "Plot title.", DefaultValueFactory = _ => "Validation accuracy by epoch" };
        var command = new Command("plot-curves", "Plot validation accuracy by epoch from one or more metrics.jsonl files.") { runs, output, title };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var curves = parse.GetValue(runs)!.Select(r =>
            {
                int equals = r.IndexOf('=');
                return equals > 0 ? new TrainingCurvePlot.Curve(r[..equals], r[(equals + 1)..]) : new TrainingCurvePlot.Curve(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(r))) ?? r, r);
            }).ToList();
            TrainingCurvePlot.SavePng(curves, parse.GetValue(output)!, parse.GetValue(title)!);
            Console.WriteLine(parse.GetValue(output));
            return 0;
        }));
        return command;
    }
}
