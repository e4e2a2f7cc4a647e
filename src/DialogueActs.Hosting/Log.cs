using Microsoft.Extensions.Logging;

namespace DialogueActs.Hosting;

/// <summary>The log messages of the hosted tagger, source-generated (<see cref="LoggerMessageAttribute"/>).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Loaded model {ModelPath} in {ElapsedMs:F0} ms: {LabelCount} labels, trained {Epoch} epochs on {TrainUtterances} utterances; malloc: {Allocator}")]
    public static partial void ModelLoaded(ILogger logger, string modelPath, double elapsedMs, int labelCount, int epoch, int trainUtterances, string allocator);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug,
        Message = "Tagged {Conversations} conversations, {Utterances} utterances in {ElapsedMs:F1} ms")]
    public static partial void Tagged(ILogger logger, int conversations, int utterances, double elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Refused {Method} {Path} with {StatusCode}: {Detail}")]
    public static partial void Refused(ILogger logger, string method, string path, int statusCode, string detail);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Client closed the connection of {Method} {Path}")]
    public static partial void ClientClosed(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Failed to answer {Method} {Path}")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Closed {Count} sessions idle for {IdleTimeout} or more; {Open} open")]
    public static partial void SessionsExpired(ILogger logger, int count, TimeSpan idleTimeout, int open);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Failed to close idle sessions")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning,
        Message = "Session store (Redis) unreachable ({Reason}: {Detail}); session requests answer 503 until it is back")]
    public static partial void SessionStoreUnreachable(ILogger logger, string reason, string detail);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Session store (Redis) reachable again after {Seconds:F1} s")]
    public static partial void SessionStoreRecovered(ILogger logger, double seconds);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Refused {Method} {Path} with 503: {Detail}")]
    public static partial void RefusedUnavailable(ILogger logger, string method, string path, string detail);
}
