using System.Buffers;

namespace LeveragedTokens.Chain;

/// <summary>
/// An answer's body in a buffer rented from the shared pool and returned on dispose, so a backfill's
/// thousands of multi-megabyte answers reuse the same few arrays instead of filling the large object heap.
/// </summary>
internal sealed class RpcAnswerBuffer : IDisposable
{
    private byte[] _buffer;
    private int _length;

    private RpcAnswerBuffer(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);

    /// <summary>Reads the whole body; a body over <paramref name="maxBytes"/> throws <see cref="RpcAnswerTooLargeException"/>.</summary>
    public static async Task<RpcAnswerBuffer> ReadAsync(HttpContent content, long maxBytes, CancellationToken ct)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxBytes) throw new RpcAnswerTooLargeException(maxBytes, declared);
        var answer = new RpcAnswerBuffer((int)Math.Clamp(declared + 1 ?? 64 * 1024, 1024, maxBytes + 1));
        try
        {
            await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            while (true)
            {
                if (answer._length == answer._buffer.Length) answer.Grow();
                var read = await stream.ReadAsync(answer._buffer.AsMemory(answer._length), ct).ConfigureAwait(false);
                if (read == 0) return answer;
                answer._length += read;
                if (answer._length > maxBytes) throw new RpcAnswerTooLargeException(maxBytes, null);
            }
        }
        catch
        {
            answer.Dispose();
            throw;
        }
    }

    private void Grow()
    {
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, (long)_buffer.Length * 2));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
