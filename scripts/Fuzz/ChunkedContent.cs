using System.Net;

namespace DialogueActs.Fuzz;

/// <summary>A request body of unknown length, so HttpClient sends it with chunked transfer encoding, in chunks of varying size.</summary>
public sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _bytes;
    private readonly int _chunk;

    /// <summary>Sends <paramref name="bytes"/> in chunks of <paramref name="chunk"/> bytes.</summary>
    public ChunkedContent(byte[] bytes, int chunk)
    {
        _bytes = bytes;
        // At most about 4,096 chunks: a megabyte body in one-byte chunks would take the client longer than the case timeout.
        _chunk = Math.Max(Math.Max(1, chunk), bytes.Length / 4096);
    }

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (int offset = 0; offset < _bytes.Length; offset += _chunk)
        {
            await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(_chunk, _bytes.Length - offset)));
            await stream.FlushAsync();
        }
    }

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
