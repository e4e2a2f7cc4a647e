using System.CommandLine;
using DialogueActs.Benchmarks;

// The benchmarks, one subcommand each; the scripts scripts/benchmark-{speed,tagging,session,encoder}.sh run them.
var root = new RootCommand("DialogueActs benchmarks: training and tagging speed, a trained model's tagging speed, session latency and memory.");
root.Subcommands.Add(SpeedCommand.Create());
root.Subcommands.Add(TaggingCommand.Create());
root.Subcommands.Add(SessionCommand.Create());
root.Subcommands.Add(EncoderCommand.Create());
return root.Parse(args).Invoke();
