using System.Text;
using System.Text.RegularExpressions;

namespace DialogueActs.Training.Import;

/// <summary>
/// Reads the text files of a corpus clone (split lists, label maps, conversation files): strict UTF-8 (a leading
/// byte-order mark is dropped), lines ending at <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c> as everywhere in the project
/// (<see cref="Data.LineIndex"/>), empty lines skipped, each kept line with its 1-based number.
/// </summary>
internal static partial class ImportText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The whole text of <paramref name="path"/>.</summary>
    /// <param name="path">The file, as the message should name it.</param>
    /// <param name="what">What the file is, for the message when it is missing (<c>split list</c>, <c>conversation file</c>, ...).</param>
    /// <exception cref="DialogueActsException">The file is missing, unreadable or not UTF-8.</exception>
    public static string Read(string path, string what)
    {
        if (Directory.Exists(path)) throw new DialogueActsException($"{path}: is a folder, not a {what}");
        if (!File.Exists(path)) throw new DialogueActsException($"{path}: {what} not found");
        try
        {
            string text = StrictUtf8.GetString(File.ReadAllBytes(path));
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw new DialogueActsException($"{path}: not UTF-8 text");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DialogueActsException($"{path}: cannot read: {DialogueActsException.FirstLine(ex.Message)}", ex);
        }
    }

    /// <summary>The non-empty lines of <paramref name="text"/> with their 1-based line numbers.</summary>
    public static IEnumerable<(int Line, string Text)> Lines(string text)
    {
        int line = 0;
        foreach (string content in LineBreak().Split(text))
        {
            line++;
            if (content.Length > 0) yield return (line, content);
        }
    }

    [GeneratedRegex("\r\n|\n|\r")]
    private static partial Regex LineBreak();
}
