using System.CommandLine;

namespace DialogueActs.Benchmarks;

/// <summary>
/// What every subcommand shares: its common options, the check of a count, and how it runs: native memory tuned
/// first, progress on standard error, the figures on standard output one <c>key value</c> line each (the scripts and
/// the docs parse them), and bad input as one line <c>error: ...</c> with exit code 1.
/// </summary>
internal static class BenchmarkCommand
{
    /// <summary>The default of <c>--threads</c> in every subcommand.</summary>
    public const int DefaultThreads = 2;

    /// <summary>Exit code for bad input (a file, model, corpus or argument).</summary>
    public const int UserError = 1;

    /// <summary><c>--threads</c>: torch threads (and the sentence encoder's, where the subcommand says so).</summary>
    public static Option<int> Threads(string description) =>
        new("--threads") { Description = description, DefaultValueFactory = _ => DefaultThreads };

    /// <summary>A count option with a default; read it with <see cref="AtLeast"/>.</summary>
    public static Option<int> Count(string name, string description, int defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    /// <summary>A required path option.</summary>
    public static Option<string> Path(string name, string description) =>
        new(name) { Description = description, Required = true };

    /// <summary>The value of <paramref name="option"/>.</summary>
    /// <exception cref="DialogueActsException">It is below <paramref name="minimum"/>.</exception>
    public static int AtLeast(ParseResult parse, Option<int> option, int minimum)
    {
        int value = parse.GetValue(option);
        if (value < minimum) throw new DialogueActsException($"{option.Name}: must be at least {minimum}, got {value}");
        return value;
    }

    /// <summary>A progress message, on standard error.</summary>
    public static void Log(string message) => Console.Error.WriteLine(message);

    /// <summary>
    /// Makes <paramref name="command"/> run <paramref name="measure"/> with native memory tuned for
    /// <paramref name="profile"/>, then print its figures in order; nothing is printed when it fails.
    /// </summary>
    public static void SetAction(Command command, AllocatorProfile profile, Func<ParseResult, IReadOnlyList<Figure>> measure)
    {
        command.SetAction(parse =>
        {
            NativeMemory.Tune(profile);
            try
            {
                foreach (var figure in measure(parse)) Console.WriteLine($"{figure.Key} {figure.Value}");
                return 0;
            }
            catch (DialogueActsException ex)
            {
                Console.Error.WriteLine($"error: {DialogueActsException.FirstLine(ex.Message)}");
                return UserError;
            }
        });
    }
}
