namespace DialogueActs.Modeling.Transformers;

/// <summary>
/// The word pieces a transformer reads of one utterance, aligned with the model's tokens: [CLS], each token's pieces in
/// order, then [SEP], cut to a most number of pieces. Token <c>i</c>'s pieces are <see cref="Ids"/>
/// <c>[TokenStarts[i], TokenStarts[i] + TokenCounts[i])</c>; a token past the cut has none.
/// </summary>
/// <param name="Ids">Word-piece ids, [CLS] first and [SEP] last.</param>
/// <param name="TokenStarts">Where each token's pieces start in <paramref name="Ids"/>.</param>
/// <param name="TokenCounts">How many pieces each token has (0 past the cut).</param>
internal sealed record WordPieceText(long[] Ids, int[] TokenStarts, int[] TokenCounts)
{
    /// <summary>The pieces of <paramref name="tokens"/> (the model's tokens of an utterance; empty for a text without any).</summary>
    /// <param name="tokens">The tokens.</param>
    /// <param name="pieces">The word pieces of one word.</param>
    /// <param name="clsId">[CLS].</param>
    /// <param name="sepId">[SEP].</param>
    /// <param name="maxPieces">Most pieces, [CLS] and [SEP] included; at least 2.</param>
    public static WordPieceText Of(IReadOnlyList<string> tokens, Func<string, long[]> pieces, long clsId, long sepId, int maxPieces)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPieces, 2);
        var ids = new List<long>(Math.Min(maxPieces, 2 + 2 * tokens.Count)) { clsId };
        var starts = new int[tokens.Count];
        var counts = new int[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            starts[i] = ids.Count;
            var word = pieces(tokens[i]);
            int room = maxPieces - 1 - ids.Count;
            int take = Math.Max(0, Math.Min(word.Length, room));
            for (int p = 0; p < take; p++) ids.Add(word[p]);
            counts[i] = take;
        }
        ids.Add(sepId);
        return new WordPieceText(ids.ToArray(), starts, counts);
    }
}
