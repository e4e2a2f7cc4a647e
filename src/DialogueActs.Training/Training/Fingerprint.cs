using System.Security.Cryptography;
using System.Text;

namespace DialogueActs.Training;

/// <summary>SHA-256 fingerprints (lowercase hex) that tie a checkpoint and a model to their config and training data.</summary>
internal static class Fingerprint
{
    /// <summary>The SHA-256 of a file's bytes.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The SHA-256 of a text's UTF-8 bytes.</summary>
    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
