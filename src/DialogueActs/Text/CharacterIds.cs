namespace DialogueActs.Text;

/// <summary>
/// Fixed character ids for the character-level word features: no vocabulary to build or save.
/// Printable ASCII (<c>' '</c> to <c>'~'</c>) maps to 1 .. 95, every other character to
/// <see cref="OtherId"/>, and 0 is padding. Each token gets exactly <see cref="PerToken"/> ids: its
/// first characters, padded with 0, so a token's ids never depend on the rest of the batch.
/// </summary>
public static class CharacterIds
{
    /// <summary>Characters kept per token; longer tokens keep their first ones.</summary>
    public const int PerToken = 16;

    /// <summary>The id of any character outside printable ASCII.</summary>
    public const int OtherId = 96;

    /// <summary>Number of ids, padding included.</summary>
    public const int Count = 97;

    /// <summary>The id of one character.</summary>
    public static byte Of(char c) => c is >= ' ' and <= '~' ? (byte)(c - ' ' + 1) : (byte)OtherId;

    /// <summary>
    /// The ids of the first <paramref name="count"/> tokens, <see cref="PerToken"/> per token, laid end
    /// to end: <c>[count × PerToken]</c>.
    /// </summary>
    public static byte[] Encode(IReadOnlyList<string> tokens, int count)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, tokens.Count);
        var ids = new byte[count * PerToken];
        for (int t = 0; t < count; t++)
        {
            string token = tokens[t];
            int n = Math.Min(token.Length, PerToken);
            for (int i = 0; i < n; i++) ids[t * PerToken + i] = Of(token[i]);
        }
        return ids;
    }
}
