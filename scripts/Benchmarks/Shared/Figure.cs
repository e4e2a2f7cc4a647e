namespace DialogueActs.Benchmarks;

/// <summary>One printed figure: the line <c>{Key} {Value}</c>.</summary>
/// <param name="Key">Its name, lower case with underscores (for example <c>tag_utterances_per_s</c>).</param>
/// <param name="Value">Its value as printed (the rest of the line).</param>
internal sealed record Figure(string Key, string Value);
