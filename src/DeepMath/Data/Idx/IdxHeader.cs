using System.Buffers.Binary;
using DeepMath.Tensors;

namespace DeepMath.Data.Idx;

/// <summary>
/// The header of an IDX file (LeCun's MNIST format): two zero bytes, an element type code, the number
/// of axes, then each axis size as a big-endian int32.
/// </summary>
internal sealed record IdxHeader(DType DType, int[] Shape, int ElementCount)
{
    /// <summary>The format allows 255 axes; more than 16 is taken as corruption rather than data.</summary>
    public const int MaxRank = FileLimits.IdxMaxRank;

    /// <summary>Where the data starts, counted from the start of the (decompressed) file.</summary>
    public long DataOffset => 4 + 4L * Shape.Length;

    /// <summary>The element type for a type code, or null for unknown codes.</summary>
    public static DType? TypeOf(byte code) => code switch
    {
        0x08 => DType.UInt8,
        0x09 => DType.Int8,
        0x0B => DType.Int16,
        0x0C => DType.Int32,
        0x0D => DType.Float32,
        0x0E => DType.Float64,
        _ => null,
    };

    /// <summary>The type code for an element type, or null when IDX cannot hold it.</summary>
    public static byte? CodeOf(DType type) => type switch
    {
        DType.UInt8 => 0x08,
        DType.Int8 => 0x09,
        DType.Int16 => 0x0B,
        DType.Int32 => 0x0C,
        DType.Float32 => 0x0D,
        DType.Float64 => 0x0E,
        _ => null,
    };

    /// <summary>Validates the 4-byte <paramref name="preamble"/> and reads the axis sizes that follow it from <paramref name="stream"/>.</summary>
    public static IdxHeader Read(ReadOnlySpan<byte> preamble, Stream stream, string name)
    {
        if (preamble[0] != 0 || preamble[1] != 0)
            throw new FileFormatException(name, $"not an IDX file (it must start with two zero bytes, not 0x{preamble[0]:X2} 0x{preamble[1]:X2})", 0);
        var type = TypeOf(preamble[2])
            ?? throw new FileFormatException(name, $"unknown IDX element type code 0x{preamble[2]:X2} (known: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64)", 2);
        int rank = preamble[3];
        if (rank == 0) throw new FileFormatException(name, "the header declares 0 dimensions (IDX arrays have at least one)", 3);
        if (rank > MaxRank) throw new FileFormatException(name, $"the header declares {rank} dimensions, more than the {MaxRank} supported", 3);
        Span<byte> sizes = stackalloc byte[4 * MaxRank];
        sizes = sizes[..(4 * rank)];
        StreamReads.ReadExactly(stream, sizes, name, 4, "the header is truncated in the dimension sizes");
        var shape = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(sizes[(4 * i)..]);
            if (size < 0) throw new FileFormatException(name, $"dimension {i} has negative size {size}", 4 + 4 * i);
            shape[i] = size;
            // Checked axis by axis, as Shape does, so every prefix of the shape is a valid element count.
            count *= size;
            if (count > Array.MaxLength)
                throw new FileFormatException(name, $"the shape {Tensors.Shape.Format(shape.AsSpan(0, i + 1))}... has more elements than a .NET array can hold", 4 + 4 * i);
        }
        return new IdxHeader(type, shape, (int)count);
    }

    /// <summary>The header bytes for type <paramref name="code"/> and <paramref name="shape"/>.</summary>
    public static byte[] Encode(byte code, ReadOnlySpan<int> shape)
    {
        var bytes = new byte[4 + 4 * shape.Length];
        bytes[2] = code;
        bytes[3] = (byte)shape.Length;
        for (int i = 0; i < shape.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), shape[i]);
        return bytes;
    }
}
