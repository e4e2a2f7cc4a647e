using DialogueActs.Data;
using DialogueActs.Inference;

namespace DialogueActs.Hosting;

/// <summary>
/// Writes tag responses in the shape of <see cref="PredictionWriter"/>'s JSONL lines, so the HTTP API
/// and <c>dialogue-acts predict</c> give the same JSON for the same conversation.
/// </summary>
internal static class TagResponseWriter
{
    /// <summary>One conversation: exactly its <see cref="PredictionWriter"/> line, without the newline.</summary>
    public static byte[] Conversation(Conversation conversation, TaggedConversation tagged, LabelGlossary? glossary = null)
    {
        using var output = new MemoryStream();
        PredictionWriter.Write(output, new[] { conversation }, new[] { tagged }, glossary);
        return output.GetBuffer().AsSpan(0, (int)output.Length - 1).ToArray();
    }

    /// <summary><c>{"conversations": [line, line, ...]}</c>, with the <see cref="PredictionWriter"/> lines in order.</summary>
    public static byte[] Batch(IReadOnlyList<Conversation> conversations, IReadOnlyList<TaggedConversation> tagged, LabelGlossary? glossary = null)
    {
        using var lines = new MemoryStream();
        PredictionWriter.Write(lines, conversations, tagged, glossary);
        var jsonl = lines.GetBuffer().AsSpan(0, (int)lines.Length);
        using var output = new MemoryStream(jsonl.Length + 32);
        output.Write("{\"conversations\":["u8);
        // JSON strings escape newlines, so every '\n' ends a line: the last is dropped, the others separate elements.
        for (int i = 0; i < jsonl.Length - 1; i++) output.WriteByte(jsonl[i] == (byte)'\n' ? (byte)',' : jsonl[i]);
        output.Write("]}"u8);
        return output.ToArray();
    }
}
