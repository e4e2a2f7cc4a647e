using System.Buffers.Binary;
using System.Text;

namespace DialogueActs.Inference;

/// <summary>
/// The binary form of a streaming session's state (<see cref="IDialogueActSession.SaveState"/>,
/// <see cref="IDialogueActTagger.RestoreSession"/>): compact, little-endian, versioned, and checked field by field when
/// read. The one place the format is written and read.
/// </summary>
/// <remarks>
/// <para>Layout of format version 1:</para>
/// <code>
/// "DASS"            4 bytes, magic
/// version           u16 (1)
/// model identity    32 bytes (SHA-256 of the labels, vocabulary, options, precision and weights)
/// lag, count        i32 each: the session's lag and utterances added so far
/// labels, hidden    i32 each: the model's label count; the conversation LSTM's width (0: no LSTM)
/// LSTM state        when hidden &gt; 0 and count &gt; 0: hidden float32 values of h, then of c
/// CRF window        i32 n (= min(count, lag + 1)), then per step: labels float32 emissions, labels float64 log α,
///                   u8 flags (1: its speaker changed; 2: log α at the temperature follows), then labels float64 of it
///                   (exactly when the model's temperature is not 1)
/// reported labels   i32 per window step: the label last answered for it
/// speakers          i32 s (= min(count, lookback)), then per speaker: i32 byte length and UTF-8 bytes, oldest first
/// last speaker      i32 byte length (-1: none yet) and UTF-8 bytes: the speaker of the last utterance
/// </code>
/// <para>
/// A reader refuses any other version, another model's identity, sizes that do not match the model or each other, a
/// value that is not finite, a label out of range, invalid UTF-8 and bytes left over, each with one line. A later version
/// (a CRF that reads speaker changes, say) adds fields under a new version number.
/// </para>
/// </remarks>
internal static class SessionState
{
    /// <summary>The format version written.</summary>
    public const ushort FormatVersion = 1;

    /// <summary>The length of a model identity (SHA-256).</summary>
    public const int IdentityLength = 32;

    private const string Prefix = "session state: ";

    private static ReadOnlySpan<byte> Magic => "DASS"u8;

    /// <summary>A session's state: what it carries between utterances.</summary>
    /// <param name="Lag">The session's lag.</param>
    /// <param name="Count">Utterances added so far.</param>
    /// <param name="Hidden">The conversation LSTM's <c>h</c> (<c>[hidden]</c>), or null before the first utterance or without an LSTM.</param>
    /// <param name="Cell">Its <c>c</c>, likewise.</param>
    /// <param name="Window">The CRF window, oldest step first (<see cref="Modeling.FixedLagCrf.Window"/>).</param>
    /// <param name="Reported">The label last answered for each window step, in the same order.</param>
    /// <param name="Speakers">The speakers of the last <c>min(count, lookback)</c> utterances, oldest first.</param>
    /// <param name="LastSpeaker">The speaker of the last utterance (the next one's speaker change compares with it); null before the first.</param>
    public sealed record Snapshot(int Lag, int Count, float[]? Hidden, float[]? Cell,
        IReadOnlyList<Modeling.FixedLagCrf.WindowStep> Window, int[] Reported, string[] Speakers, string? LastSpeaker);

    /// <summary>What a state must match to be restored over a model.</summary>
    /// <param name="Identity">The model's identity.</param>
    /// <param name="Labels">Its label count.</param>
    /// <param name="Hidden">Its conversation LSTM's width, 0 without one.</param>
    /// <param name="Lookback">Earlier utterances its features read (<see cref="Modeling.FeatureSet.Lookback"/>).</param>
    /// <param name="MaxCount">Most utterances a session may hold.</param>
    /// <param name="Scaled">Whether the model's temperature is not 1 (each window step then keeps its forward variables at it).</param>
    public sealed record Shape(byte[] Identity, int Labels, int Hidden, int Lookback, int MaxCount, bool Scaled);

    /// <summary>Writes <paramref name="state"/> for a model of <paramref name="shape"/>.</summary>
    /// <exception cref="DialogueActsException">A value is not finite (the state could not be read back).</exception>
    public static byte[] Write(Shape shape, Snapshot state)
    {
        var stream = new MemoryStream(64 + state.Window.Count * shape.Labels * 12);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);                                     // little-endian on every platform
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(shape.Identity);
        writer.Write(state.Lag);
        writer.Write(state.Count);
        writer.Write(shape.Labels);
        writer.Write(state.Hidden is null ? 0 : shape.Hidden);
        if (state.Hidden is not null)
        {
            WriteFinite(writer, state.Hidden, "the LSTM state");
            WriteFinite(writer, state.Cell!, "the LSTM state");
        }
        writer.Write(state.Window.Count);
        foreach (var (emissions, logAlpha, scaledLogAlpha, changed) in state.Window)
        {
            WriteFinite(writer, emissions, "an emission score");
            WriteFinite(writer, logAlpha);
            writer.Write((byte)((changed ? 1 : 0) | (scaledLogAlpha is null ? 0 : 2)));
            if (scaledLogAlpha is not null) WriteFinite(writer, scaledLogAlpha);
        }
        foreach (int label in state.Reported) writer.Write(label);
        writer.Write(state.Speakers.Length);
        foreach (var speaker in state.Speakers)
        {
            var bytes = Encoding.UTF8.GetBytes(speaker);
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
        if (state.LastSpeaker is null) writer.Write(-1);
        else
        {
            var last = Encoding.UTF8.GetBytes(state.LastSpeaker);
            writer.Write(last.Length);
            writer.Write(last);
        }
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>Reads a state written for a model of <paramref name="shape"/>.</summary>
    /// <exception cref="DialogueActsException">The bytes are not such a state; the message is one line starting <c>session state: </c>.</exception>
    public static Snapshot Read(ReadOnlySpan<byte> data, Shape shape)
    {
        var reader = new Reader(data);
        if (data.Length < Magic.Length + 2 || !data[..Magic.Length].SequenceEqual(Magic)) throw Refuse("not a session state (no DASS header)");
        reader.Skip(Magic.Length);
        int version = reader.UInt16();
        if (version != FormatVersion) throw Refuse($"format version {version}, this library reads version {FormatVersion}");
        if (!reader.Bytes(IdentityLength, "the model identity").SequenceEqual(shape.Identity))
            throw Refuse("written for another model (or another precision); restore it on a replica serving the same model.zip");
        int lag = reader.Int32("lag"), count = reader.Int32("count"), labels = reader.Int32("label count"), hidden = reader.Int32("LSTM width");
        if (lag < 0) throw Refuse($"lag must be at least 0, got {lag}");
        if (count < 0 || count > shape.MaxCount) throw Refuse($"count must be 0 to {shape.MaxCount}, got {count}");
        if (labels != shape.Labels) throw Refuse($"has {labels} labels, the model {shape.Labels}");
        int expectedHidden = count > 0 ? shape.Hidden : 0;
        if (hidden != expectedHidden) throw Refuse($"has an LSTM state of {hidden} values, the model {expectedHidden} after {count} utterances");
        float[]? h = null, c = null;
        if (hidden > 0)
        {
            h = reader.Floats(hidden, "the LSTM state");
            c = reader.Floats(hidden, "the LSTM state");
        }
        int steps = reader.Int32("window length");
        long expectedSteps = Math.Min(count, (long)lag + 1);
        if (steps != expectedSteps) throw Refuse($"has a CRF window of {steps} steps, lag {lag} after {count} utterances needs {expectedSteps}");
        var window = new Modeling.FixedLagCrf.WindowStep[steps];
        for (int i = 0; i < steps; i++)
        {
            var emissions = reader.Floats(labels, "an emission score");
            var logAlpha = reader.Doubles(labels, "a forward variable");
            int flags = reader.Bytes(1, "a step's flags")[0];
            if (flags > 3) throw Refuse($"a step's flags are {flags}, not 0 to 3");
            bool scaled = (flags & 2) != 0;
            if (scaled != shape.Scaled)
                throw Refuse(shape.Scaled ? "has no forward variables at the model's temperature" : "has forward variables at a temperature the model does not have");
            window[i] = new(emissions, logAlpha, scaled ? reader.Doubles(labels, "a forward variable") : null, (flags & 1) != 0);
        }
        var reported = new int[steps];
        for (int i = 0; i < steps; i++)
        {
            reported[i] = reader.Int32("a label");
            if ((uint)reported[i] >= (uint)labels) throw Refuse($"label {reported[i]} is out of range (the model has {labels})");
        }
        int speakerCount = reader.Int32("speaker count");
        int expectedSpeakers = Math.Min(count, shape.Lookback);
        if (speakerCount != expectedSpeakers) throw Refuse($"keeps {speakerCount} speakers, the model reads {expectedSpeakers} after {count} utterances");
        var speakers = new string[speakerCount];
        for (int i = 0; i < speakerCount; i++) speakers[i] = reader.Utf8(reader.Int32("a speaker's length"), "a speaker");
        int lastLength = reader.Int32("the last speaker's length");
        if (lastLength < -1 || (lastLength == -1) != (count == 0)) throw Refuse($"the last speaker's length is {lastLength} after {count} utterances");
        string? lastSpeaker = lastLength == -1 ? null : reader.Utf8(lastLength, "the last speaker");
        if (reader.Remaining > 0) throw Refuse($"{reader.Remaining} bytes after the end");
        return new Snapshot(lag, count, h, c, window, reported, speakers, lastSpeaker);
    }

    private static void WriteFinite(BinaryWriter writer, double[] values)
    {
        foreach (double a in values)
        {
            if (!double.IsFinite(a)) throw new DialogueActsException(Prefix + "a forward variable is not finite; the session cannot be saved");
            writer.Write(a);
        }
    }

    private static void WriteFinite(BinaryWriter writer, float[] values, string what)
    {
        foreach (float v in values)
        {
            if (!float.IsFinite(v)) throw new DialogueActsException(Prefix + what + " is not finite; the session cannot be saved");
            writer.Write(v);
        }
    }

    private static DialogueActsException Refuse(string reason) => new(Prefix + reason);

    /// <summary>Reads fields in order, refusing a truncated input or a value that is not finite.</summary>
    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly int Remaining => _data.Length - _position;

        public void Skip(int count) => _position += count;

        public ReadOnlySpan<byte> Bytes(int count, string what)
        {
            if (count < 0 || count > Remaining) throw Refuse($"truncated in {what}");
            var span = _data.Slice(_position, count);
            _position += count;
            return span;
        }

        public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2, "the version"));

        public int Int32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4, what));

        public float[] Floats(int count, string what)
        {
            var bytes = Bytes(checked(count * 4), what);
            var values = new float[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
                if (!float.IsFinite(values[i])) throw Refuse($"{what} is not finite");
            }
            return values;
        }

        public double[] Doubles(int count, string what)
        {
            var bytes = Bytes(checked(count * 8), what);
            var values = new double[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]);
                if (!double.IsFinite(values[i])) throw Refuse($"{what} is not finite");
            }
            return values;
        }

        public string Utf8(int length, string what)
        {
            var bytes = Bytes(length, what);
            try
            {
                return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw Refuse($"{what} is not valid UTF-8");
            }
        }
    }
}
