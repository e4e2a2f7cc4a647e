namespace DialogueActs.Training.Import;

/// <summary>
/// The validation lists of Lee &amp; Dernoncourt (2016) shipped inside this assembly (conversation ids only; source
/// and contents: <c>Import/ValidationLists/README.md</c>).
/// </summary>
internal static class ValidationLists
{
    /// <summary>The 112 SwDA calls of Lee &amp; Dernoncourt's validation split.</summary>
    public const string Swda = "lee-dernoncourt-2016-swda-valid.txt";

    /// <summary>The 11 MRDA meetings of Lee &amp; Dernoncourt's validation split.</summary>
    public const string Mrda = "lee-dernoncourt-2016-mrda-valid.txt";

    /// <summary>The ids of the shipped list <paramref name="name"/>; messages name it as <c>NAME (shipped)</c>.</summary>
    public static IReadOnlyList<ListedId> Read(string name)
    {
        using var stream = typeof(ValidationLists).Assembly.GetManifestResourceStream($"{typeof(ValidationLists).Namespace}.ValidationLists.{name}")
            ?? throw new InvalidOperationException($"the shipped list {name} is not embedded");
        using var reader = new StreamReader(stream);
        return SplitList.Parse(reader.ReadToEnd(), $"{name} (shipped)");
    }
}
