namespace DialogueActs.Text;

/// <summary>How a config's <c>model.sentenceEncoder</c> name refers to an encoder's exact <see cref="ISentenceEncoder.Id"/>.</summary>
public static class SentenceEncoderNames
{
    /// <summary>
    /// True when <paramref name="name"/> names the encoder with id <paramref name="id"/>: it is the id itself, or the
    /// part of it before a '/' (the model name, as <c>all-MiniLM-L6-v2</c> names <c>all-MiniLM-L6-v2/mean-normalized/...</c>).
    /// </summary>
    public static bool Names(string name, string id)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(id);
        return string.Equals(id, name, StringComparison.Ordinal) || id.StartsWith(name + "/", StringComparison.Ordinal);
    }
}
