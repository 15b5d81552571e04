using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepMath.Data;

/// <summary>Reverses the byte order of packed elements in place, for formats whose byte order differs from the machine's.</summary>
internal static class ByteOrder
{
    /// <summary>Reverses each <paramref name="size"/>-byte element of <paramref name="bytes"/> (sizes 1, 2, 4 and 8).</summary>
    public static void Swap(Span<byte> bytes, int size)
    {
        switch (size)
        {
            case 2:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(bytes), MemoryMarshal.Cast<byte, ushort>(bytes));
                break;
            case 4:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(bytes), MemoryMarshal.Cast<byte, uint>(bytes));
                break;
            case 8:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(bytes), MemoryMarshal.Cast<byte, ulong>(bytes));
                break;
        }
    }

    /// <summary>
    /// Writes packed elements to <paramref name="stream"/> in the requested byte order, swapping through a
    /// small buffer so that the caller's data is neither modified nor copied whole.
    /// </summary>
    public static void Write<T>(Stream stream, ReadOnlySpan<T> data, bool bigEndian) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(data);
        int size = Unsafe.SizeOf<T>();
        if (size <= 1 || bigEndian != BitConverter.IsLittleEndian)
        {
            stream.Write(bytes);
            return;
        }
        var buffer = new byte[Math.Min(bytes.Length, 1 << 16)];
        for (int start = 0; start < bytes.Length; start += buffer.Length)
        {
            var chunk = buffer.AsSpan(0, Math.Min(buffer.Length, bytes.Length - start));
            bytes.Slice(start, chunk.Length).CopyTo(chunk);
            Swap(chunk, size);
            stream.Write(chunk);
        }
    }
}
