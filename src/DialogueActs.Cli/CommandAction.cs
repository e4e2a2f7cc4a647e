using Spectre.Console;

namespace DialogueActs.Cli;

/// <summary>
/// Runs a command's body and turns every failure into one line on standard error and a non-zero
/// exit code. User errors (<see cref="DialogueActsException"/>) print their message as is; anything
/// else is an internal error: one line on the console, and the full exception (native message and
/// stack trace) in a report file that the line names, for a bug report. Before the body of a batch command runs, the
/// process's native memory is tuned for training (<see cref="NativeMemory.Tune"/>): this is the CLI's entry point for
/// it, since the library does not tune on its own. <c>serve</c> leaves it to the hosting option
/// <c>DialogueActs:TuneNativeMemory</c>, which tunes for serving before the model is loaded.
/// </summary>
internal static class CommandAction
{
    /// <summary>Exit code for bad input (a file, config, model or argument).</summary>
    public const int UserError = 1;

    /// <summary>Exit code for an unexpected internal failure.</summary>
    public const int InternalError = 2;

    /// <summary>Tunes native memory for <paramref name="profile"/> (unless null), then runs <paramref name="body"/>.</summary>
    /// <param name="body">The command; returns its exit code.</param>
    /// <param name="profile">Batch jobs (train, evaluate, predict) keep the training profile; <c>serve</c> passes null.</param>
    public static int Run(Func<int> body, AllocatorProfile? profile = AllocatorProfile.Training)
    {
        if (profile is AllocatorProfile chosen) NativeMemory.Tune(chosen);
        try
        {
            return body();
        }
        catch (DialogueActsException ex)
        {
            WriteError(ex.Message);
            return UserError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(ex.Message);                                                                        // the operating system refused a read or write: not a bug
            return UserError;
        }
        catch (OperationCanceledException)
        {
            WriteError("cancelled");
            return UserError;
        }
        catch (Exception ex)
        {
            string? report = WriteReport(ex);
            WriteError($"internal error ({ex.GetType().Name}): {DialogueActsException.FirstLine(ex.Message)}" +
                       (report is null ? "" : $" (details: {report})"));
            return InternalError;
        }
    }

    private static void WriteError(string message) => Console.Error.WriteLine($"error: {DialogueActsException.FirstLine(message)}");

    /// <summary>Writes the whole exception to a file in the temporary folder; null when that fails too.</summary>
    private static string? WriteReport(Exception ex)
    {
        try
        {
            string path = Path.Combine(Path.GetTempPath(), $"dialogue-acts-error-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.txt");
            File.WriteAllText(path, $"{DateTimeOffset.UtcNow:O} dialogue-acts {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}\n\n{ex}\n");
            return path;
        }
        catch (Exception)
        {
            return null;
        }
    }

}
