namespace DeepMath.Data;

/// <summary>
/// A read-only pass-through that computes the CRC-32 (the gzip and zip checksum, polynomial 0xEDB88320)
/// and the count of the bytes read, so decompressed data can be checked against its archive's record.
/// </summary>
internal sealed class Crc32Stream(Stream inner) : Stream
{
    private static readonly uint[] Table = MakeTable();
    private uint _crc = 0xFFFFFFFF;

    /// <summary>The CRC-32 of every byte read so far.</summary>
    public uint Value => ~_crc;

    /// <summary>Bytes read so far.</summary>
    public long Count { get; private set; }

    private static uint[] MakeTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        uint crc = _crc;
        foreach (var b in buffer[..n]) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        _crc = crc;
        Count += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Reads what is left, so that the checksum covers everything.</summary>
    public void Drain()
    {
        Span<byte> scratch = stackalloc byte[4096];
        while (Read(scratch) > 0)
        {
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Count; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>The gzip trailer: CRC-32 and length (mod 2^32) of the decompressed data, the last 8 bytes of a single-member file.</summary>
internal readonly record struct GzipTrailer(uint Crc, uint Length)
{
    /// <summary>Reads the trailer of a seekable stream and restores its position; null when the stream cannot seek or is too short.</summary>
    public static GzipTrailer? Read(Stream stream)
    {
        if (!stream.CanSeek || stream.Length < 18) return null;
        long start = stream.Position;
        Span<byte> tail = stackalloc byte[8];
        stream.Seek(-8, SeekOrigin.End);
        int n = StreamReads.ReadUpTo(stream, tail);
        stream.Position = start;
        if (n != 8) return null;
        return new GzipTrailer(BitConverter.ToUInt32(tail[..4]), BitConverter.ToUInt32(tail[4..]));
    }

    /// <summary>
    /// The error for a decompressor that refused the data: .NET reports a trailer mismatch as an
    /// "unsupported compression method", so the checksum is compared here to say what is wrong.
    /// </summary>
    public static FileFormatException Explain(GzipTrailer? trailer, Crc32Stream data, string name, InvalidDataException error)
    {
        if (trailer is { } t && (uint)data.Count == t.Length && data.Value != t.Crc)
            return new FileFormatException(name, $"the gzip data is corrupt: CRC-32 {data.Value:x8} of the decompressed bytes, the trailer records {t.Crc:x8}", null, error);
        return new FileFormatException(name,
            $"corrupt gzip data: its CRC-32 or length does not match the gzip trailer, or it is not deflate data (the decompressor says: {error.Message})", null, error);
    }

    /// <summary>Throws when the decompressed bytes do not match the trailer (a truncated, corrupt or multi-member file).</summary>
    public void Check(Crc32Stream data, string name)
    {
        data.Drain();
        if ((uint)data.Count != Length)
            throw new FileFormatException(name, $"the gzip data is truncated or corrupt: {data.Count} bytes decompressed, the trailer records {Length} (mod 2^32)");
        if (data.Value != Crc)
            throw new FileFormatException(name, $"the gzip data is corrupt: CRC-32 {data.Value:x8} of the decompressed bytes, the trailer records {Crc:x8}");
    }
}
