using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepMath.Data;

/// <summary>Reading helpers that turn an early end of input into <see cref="FileFormatException"/>.</summary>
internal static class StreamReads
{
    /// <summary>Fills <paramref name="buffer"/>, or throws naming the offset where the input ended.</summary>
    public static void ReadExactly(Stream stream, Span<byte> buffer, string name, long offset, string problem)
    {
        int done = ReadUpTo(stream, buffer);
        if (done < buffer.Length) throw new FileFormatException(name, problem, offset + done);
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the input ends; returns the bytes read.</summary>
    public static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n = stream.Read(buffer[done..]);
            if (n == 0) break;
            done += n;
        }
        return done;
    }

    /// <summary>True when the input has no more bytes (reads and discards at most one).</summary>
    public static bool AtEnd(Stream stream)
    {
        Span<byte> one = stackalloc byte[1];
        return stream.Read(one) == 0;
    }

    /// <summary>
    /// Reads <paramref name="count"/> packed elements. When the input's length is unknown, the array
    /// grows (doubling from 1 MiB) only as bytes arrive, so a header that lies about the size cannot make
    /// the reader allocate much more than the input really holds.
    /// </summary>
    public static T[] ReadElements<T>(Stream stream, int count, bool lengthKnown, string name, long offset, string problem) where T : unmanaged
    {
        if (lengthKnown)
        {
            var exact = new T[count];
            ReadExactly(stream, MemoryMarshal.AsBytes(exact.AsSpan()), name, offset, problem);
            return exact;
        }
        int size = Math.Max(Unsafe.SizeOf<T>(), 1);
        var storage = new T[Math.Min(count, (1 << 20) / size)];
        int done = 0;
        while (true)
        {
            var bytes = MemoryMarshal.AsBytes(storage.AsSpan());
            int n = ReadUpTo(stream, bytes[done..]);
            done += n;
            if (done < bytes.Length) throw new FileFormatException(name, problem, offset + done);
            if (storage.Length == count) return storage;
            Array.Resize(ref storage, (int)Math.Min(count, 2L * storage.Length));
        }
    }
}
