using Spectre.Console;

namespace DialogueActs.Cli;

/// <summary>
/// Runs a command's body and turns every failure into one line on standard error and a non-zero
/// exit code. User errors (<see cref="DialogueActsException"/>) print their message as is; anything
/// else is an internal error, still without a stack trace.
/// </summary>
internal static class CommandAction
{
    /// <summary>Exit code for bad input (a file, config, model or argument).</summary>
    public const int UserError = 1;

    /// <summary>Exit code for an unexpected internal failure.</summary>
    public const int InternalError = 2;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (DialogueActsException ex)
        {
            WriteError(ex.Message);
            return UserError;
        }
        catch (OperationCanceledException)
        {
            WriteError("cancelled");
            return UserError;
        }
        catch (Exception ex)
        {
            WriteError($"internal error ({ex.GetType().Name}): {DialogueActsException.FirstLine(ex.Message)}");
            return InternalError;
        }
    }

    private static void WriteError(string message) => Console.Error.WriteLine($"error: {DialogueActsException.FirstLine(message)}");

}
