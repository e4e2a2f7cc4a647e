using DialogueActs.Inference;

namespace DialogueActs.Hosting;

/// <summary>
/// Where the HTTP API keeps its streaming sessions: in this process (<see cref="SessionStore"/>, the default) or in Redis
/// (<see cref="RedisSessionStore"/>, chosen by <see cref="DialogueActsOptions.Redis"/>), where any replica can serve them.
/// Refusals are <see cref="RequestRejectedException"/>s with the status to answer.
/// </summary>
internal interface ISessionStore
{
    /// <summary>Starts a session and returns its id.</summary>
    /// <exception cref="RequestRejectedException">429: too many sessions; 409: the model cannot stream; 503: the store is unreachable.</exception>
    Task<string> StartAsync(int lag, CancellationToken cancellation);

    /// <summary>
    /// Tags the session's next utterance. With <paramref name="expectedIndex"/>, only when the session is at that index
    /// (the utterance would get it); else 409 with the session's current index.
    /// </summary>
    /// <exception cref="RequestRejectedException">404: no such session; 409: another index, or another request applied one first; 413: at its limit; 503: unreachable.</exception>
    Task<SessionTag> AddAsync(string id, int? expectedIndex, string? speaker, string text, CancellationToken cancellation);

    /// <summary>Ends the session's conversation (see <see cref="IDialogueActSession.End"/>) and closes it.</summary>
    /// <returns>The utterances whose labels changed.</returns>
    /// <exception cref="RequestRejectedException">404: no such session; 409: an utterance was applied meanwhile; 503: unreachable.</exception>
    Task<IReadOnlyList<RevisedTag>> EndAsync(string id, CancellationToken cancellation);

    /// <summary>Closes the session without ending its conversation.</summary>
    /// <exception cref="RequestRejectedException">404: no such session; 503: unreachable.</exception>
    Task DeleteAsync(string id, CancellationToken cancellation);
}

/// <summary>The refusals the session stores share.</summary>
internal static class SessionRefusals
{
    /// <summary>The problem-details member that carries a session's current index with a 409.</summary>
    public const string IndexMember = "index";

    public static RequestRejectedException NotFound(string id) =>
        new(Microsoft.AspNetCore.Http.StatusCodes.Status404NotFound, $"session '{DialogueActsException.Excerpt(id)}': not found or expired");

    /// <summary>409: the session is at <paramref name="current"/>, not where the request expected it.</summary>
    public static RequestRejectedException Conflict(string id, int current, string why) =>
        new(Microsoft.AspNetCore.Http.StatusCodes.Status409Conflict,
            $"session '{DialogueActsException.Excerpt(id)}': {why}; its next utterance gets index {current}")
        {
            Extensions = new Dictionary<string, object?> { [IndexMember] = current },
        };
}
