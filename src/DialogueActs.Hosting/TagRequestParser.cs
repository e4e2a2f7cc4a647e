using DialogueActs.Data;
using Microsoft.AspNetCore.Http;

namespace DialogueActs.Hosting;

/// <summary>
/// Parses tag requests with the core's <see cref="ConversationJsonReader"/>: one conversation shaped like a
/// JSONL corpus line (<c>{"id": "c1", "utterances": [{"speaker": "A", "text": "..."}]}</c>), or
/// <c>{"conversations": [...]}</c>. Input over a limit is refused with 413; malformed input throws the
/// reader's <see cref="DialogueActsException"/>, which the endpoints answer with 400.
/// </summary>
internal static class TagRequestParser
{
    /// <summary>How messages about the whole body name it: <c>request body is not valid JSON ...</c>.</summary>
    internal const string SourceName = "request body";

    /// <summary>Parses the body of <c>POST /v1/tag</c>.</summary>
    /// <exception cref="RequestRejectedException">413: over a limit.</exception>
    /// <exception cref="DialogueActsException">Malformed.</exception>
    public static Conversation ParseConversation(byte[] body, DialogueActsOptions options) =>
        RefuseOverLimit(() => ConversationJsonReader.ReadConversation(body, SourceName, options.ToConversationLimits()));

    /// <summary>Parses the body of <c>POST /v1/tag/batch</c>.</summary>
    /// <exception cref="RequestRejectedException">413: over a limit.</exception>
    /// <exception cref="DialogueActsException">Malformed.</exception>
    public static IReadOnlyList<Conversation> ParseBatch(byte[] body, DialogueActsOptions options) =>
        RefuseOverLimit(() => ConversationJsonReader.ReadConversations(body, SourceName, options.ToConversationLimits(), options.MaxConversationsPerBatch));

    /// <summary>Runs <paramref name="read"/>, turning its <see cref="InputLimitException"/> into a 413 refusal.</summary>
    internal static T RefuseOverLimit<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InputLimitException ex)
        {
            throw new RequestRejectedException(StatusCodes.Status413PayloadTooLarge, ex.Message);
        }
    }
}
