using DeepMath.Tensors;

namespace DeepMath.Tests.Data;

/// <summary>Random damage to a file image: bit flips, overwrites near the header, truncation, insertions and deletions.</summary>
internal static class Mutations
{
    /// <summary>
    /// One random mutation of <paramref name="source"/>. Header mutations hit the first
    /// <paramref name="headerLength"/> bytes, sometimes with a character from <paramref name="alphabet"/>
    /// (the characters that matter to the format's syntax).
    /// </summary>
    public static byte[] Mutate(byte[] source, RandomGenerator rng, int headerLength, string alphabet)
    {
        var bytes = (byte[])source.Clone();
        if (bytes.Length == 0) return bytes;
        int header = Math.Clamp(headerLength, 1, bytes.Length);
        switch (rng.NextInt(7))
        {
            case 0: // flip a few bits anywhere
                for (int k = 0, n = 1 + rng.NextInt(4); k < n; k++) bytes[rng.NextInt(bytes.Length)] ^= (byte)(1 << rng.NextInt(8));
                return bytes;
            case 1: // a random byte in the header
                bytes[rng.NextInt(header)] = (byte)rng.NextInt(256);
                return bytes;
            case 2: // truncate
                return bytes[..rng.NextInt(bytes.Length)];
            case 3: // a syntax character in the header
                bytes[rng.NextInt(header)] = (byte)alphabet[rng.NextInt(alphabet.Length)];
                return bytes;
            case 4: // a boundary value in the header
                bytes[rng.NextInt(header)] = new byte[] { 0x00, 0x01, 0x7F, 0x80, 0xFF }[rng.NextInt(5)];
                return bytes;
            case 5: // duplicate a span of the header (repeats keys, entries, sizes)
            {
                int at = rng.NextInt(header);
                int len = 1 + rng.NextInt(Math.Min(24, header - at));
                return [.. bytes[..(at + len)], .. bytes[at..]];
            }
            default: // insert or delete a span
            {
                int at = rng.NextInt(bytes.Length);
                int len = 1 + rng.NextInt(16);
                var list = bytes.ToList();
                if (rng.NextInt(2) == 0) list.RemoveRange(at, Math.Min(len, list.Count - at));
                else list.InsertRange(at, Enumerable.Range(0, len).Select(_ => (byte)rng.NextInt(256)));
                return [.. list];
            }
        }
    }
}

/// <summary>A stream that hides its length and cannot seek, like a network or pipe stream.</summary>
internal sealed class ForwardOnlyStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 7)); // short reads on purpose

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
