namespace LeveragedTokens.Exports.Writers;

/// <summary>
/// A write-only, non-seekable buffer the format writers fill synchronously; the engine drains it
/// to the real output asynchronously once it passes a threshold, so memory stays at one chunk.
/// </summary>
internal sealed class StagingStream : Stream
{
    public const int DrainThreshold = 1 << 16;
    private readonly MemoryStream _buffer = new(DrainThreshold * 2);
    private long _written;

    public long Buffered => _buffer.Length;

    public async ValueTask DrainAsync(Stream destination, CancellationToken ct)
    {
        if (_buffer.Length == 0) return;
        await destination.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), ct);
        _buffer.SetLength(0);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _buffer.Write(buffer);
        _written += buffer.Length;
    }
    public override void WriteByte(byte value)
    {
        _buffer.WriteByte(value);
        _written++;
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    // ZipArchive asks for the position of a non-seekable stream; it is the count written so far.
    public override long Position { get => _written; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
