using System.Text;
using DialogueActs.Data;
using Xunit;

namespace DialogueActs.Tests.Data;

/// <summary>A temporary directory for corpus fixtures, deleted on dispose.</summary>
public sealed class TempCorpus : IDisposable
{
    public TempCorpus()
    {
        Dir = Path.Combine(Path.GetTempPath(), "da-corpus-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    /// <summary>Writes <paramref name="content"/> as UTF-8 (no BOM) and returns the full path.</summary>
    public string Write(string name, string content) => WriteBytes(name, new UTF8Encoding(false).GetBytes(content));

    public string WriteBytes(string name, byte[] content)
    {
        string path = Path.Combine(Dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Dir, name);

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Asserts that reading throws a <see cref="DialogueActsException"/> with exactly <paramref name="message"/>.</summary>
    public static void AssertFails(string message, Func<object> read)
    {
        var e = Assert.Throws<DialogueActsException>(read);
        Assert.Equal(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    public static void AssertSame(IReadOnlyList<Conversation> expected, IReadOnlyList<Conversation> actual)
    {
        Assert.Equal(expected.Select(c => c.Id), actual.Select(c => c.Id));
        for (int i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i].Utterances, actual[i].Utterances);
    }
}
