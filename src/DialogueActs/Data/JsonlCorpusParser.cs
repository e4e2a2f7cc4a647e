namespace DialogueActs.Data;

/// <summary>
/// Parses JSON-lines corpus text, one conversation per line, each read by <see cref="ConversationJsonReader"/>
/// (id required, labels read). Lines end as <see cref="LineIndex"/> says; blank lines are skipped; ids must
/// be unique. Every problem becomes a one-line <see cref="DialogueActsException"/> naming the file, line and field.
/// </summary>
internal static class JsonlCorpusParser
{
    /// <summary>Parses <paramref name="text"/>, the whole content of the file called <paramref name="name"/>.</summary>
    public static IReadOnlyList<Conversation> Parse(string text, string name, bool requireLabels, ConversationLimits limits)
    {
        var conversations = new List<Conversation>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = new LineIndex(text);
        for (int number = 1; number <= lines.Count; number++)
        {
            int start = lines.StartOf(number);
            int end = number < lines.Count ? lines.StartOf(number + 1) : text.Length;
            // A line holds no '\r' or '\n' but its end.
            ReadOnlyMemory<char> line = text.AsMemory(start, end - start).TrimEnd("\r\n".AsSpan());
            if (line.Span.IsWhiteSpace())
                continue;

            Conversation conversation = ConversationJsonReader.ReadCorpusLine(line, $"{name}:{number}", limits, requireLabels);
            if (!firstLineOfId.TryAdd(conversation.Id, number))
                throw new DialogueActsException(
                    $"{name}:{number}: duplicate conversation id '{DialogueActsException.Excerpt(conversation.Id)}' (first on line {firstLineOfId[conversation.Id]})");
            conversations.Add(conversation);
        }
        if (conversations.Count == 0)
            throw new DialogueActsException($"{name}: file is empty");
        return conversations;
    }
}
