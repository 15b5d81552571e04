using System.IO.Compression;
using System.Runtime.InteropServices;
using DeepMath.Tensors;

namespace DeepMath.Data.Idx;

/// <summary>
/// Reads and writes IDX files, the format of MNIST and Fashion-MNIST: uint8, int8, int16, int32,
/// float32 and float64 arrays of 1 to 16 axes, big-endian, row-major, raw or gzip-compressed (recognised
/// by its magic number, whatever the file is called). Malformed, truncated or over-long input raises
/// <see cref="FileFormatException"/> naming the file and the problem, before any allocation that the
/// input's size cannot justify.
/// </summary>
public static class IdxFile
{
    // Deflate expands at most about 1032:1; claims beyond that (plus slack for small files) are lies.
    private const long MaxDeflateRatio = FileLimits.MaxDeflateRatio;
    private const long DeflateSlack = FileLimits.DeflateSlackBytes;

    /// <summary>Reads an IDX file (raw or gzip-compressed) with its stored element type.</summary>
    public static ITensor Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads an IDX file, converting the elements to <typeparamref name="T"/> when they are of another type.</summary>
    public static Tensor<T> Read<T>(string path) where T : unmanaged => Read(path).Cast<T>();

    /// <summary>
    /// Reads an IDX image (raw or gzip-compressed) from the current position of a stream to its end;
    /// <paramref name="name"/> is used in error messages. Seekable streams are checked against their
    /// length before allocating; other streams are read into storage that grows as data arrives.
    /// </summary>
    public static ITensor Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        long? available = stream.CanSeek ? Math.Max(stream.Length - stream.Position, 0) : null;
        var preamble = new byte[4];
        int got = StreamReads.ReadUpTo(stream, preamble);
        if (got >= 2 && preamble[0] == 0x1F && preamble[1] == 0x8B)
            return ReadCompressed(new PrefixedStream(preamble[..got], stream), GzipTrailer.Read(stream), available, name);
        if (got < 4) throw new FileFormatException(name, "the file is shorter than the 4-byte IDX preamble", got);
        var header = IdxHeader.Read(preamble, stream, name);
        long needed = DataBytes(header, name);
        long? remaining = available - header.DataOffset;
        if (remaining < needed)
            throw new FileFormatException(name, $"the data is truncated: shape {Shape.Format(header.Shape)} of {DTypes.NumPyName(header.DType)} needs {needed} bytes but {remaining} remain", header.DataOffset);
        if (remaining > needed)
            throw new FileFormatException(name, $"{remaining - needed} unexpected bytes follow the {needed} bytes of data that shape {Shape.Format(header.Shape)} of {DTypes.NumPyName(header.DType)} needs", header.DataOffset + needed);
        var tensor = ReadData(stream, header, remaining is not null, name, "the data is truncated");
        if (remaining is null && !StreamReads.AtEnd(stream))
            throw new FileFormatException(name, "unexpected bytes follow the data", header.DataOffset + needed);
        return tensor;
    }

    /// <summary>
    /// Writes a tensor as an IDX file, atomically; gzip-compressed when <paramref name="compress"/>
    /// (name it .gz then, as MNIST's distribution does).
    /// </summary>
    /// <exception cref="NotSupportedException">The element type is not uint8, int8, int16, int32, float32 or float64.</exception>
    /// <exception cref="ArgumentException">The tensor has no axes or more than 16.</exception>
    public static void Write<T>(string path, Tensor<T> tensor, bool compress = false) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var code = IdxHeader.CodeOf(tensor.DType)
            ?? throw new NotSupportedException($"IDX files hold uint8, int8, int16, int32, float32 or float64, not {DTypes.NumPyName(tensor.DType)}.");
        if (tensor.Rank is 0 or > IdxHeader.MaxRank)
            throw new ArgumentException($"IDX files hold arrays of 1 to {IdxHeader.MaxRank} axes, not a tensor of shape {tensor.Shape}.", nameof(tensor));
        var data = tensor.Contiguous();
        AtomicFile.Write(path, s =>
        {
            if (!compress)
            {
                WriteImage(s, code, data);
                return;
            }
            using var gzip = new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true);
            WriteImage(gzip, code, data);
        });
    }

    private static void WriteImage<T>(Stream stream, byte code, Tensor<T> data) where T : unmanaged
    {
        stream.Write(IdxHeader.Encode(code, data.Shape.AsSpan()));
        ByteOrder.Write<T>(stream, data.AsSpan(), bigEndian: true);
    }

    private static ITensor ReadCompressed(Stream source, GzipTrailer? trailer, long? compressedLength, string name)
    {
        using var gzip = new Crc32Stream(new GZipStream(source, CompressionMode.Decompress));
        try
        {
            Span<byte> preamble = stackalloc byte[4];
            StreamReads.ReadExactly(gzip, preamble, name, 0, "the decompressed data is shorter than the 4-byte IDX preamble");
            var header = IdxHeader.Read(preamble, gzip, name);
            long needed = DataBytes(header, name);
            if (compressedLength is long compressed && needed > MaxDeflateRatio * compressed + DeflateSlack)
                throw new FileFormatException(name, $"the header claims {needed} bytes of data, more than {compressed} compressed bytes can expand to", header.DataOffset);
            var tensor = ReadData(gzip, header, compressedLength is not null, name, "the decompressed data is truncated");
            if (!StreamReads.AtEnd(gzip))
                throw new FileFormatException(name, "unexpected bytes follow the data in the decompressed stream", header.DataOffset + needed);
            trailer?.Check(gzip, name);
            return tensor;
        }
        catch (InvalidDataException e)
        {
            throw GzipTrailer.Explain(trailer, gzip, name, e);
        }
    }

    private static long DataBytes(IdxHeader header, string name)
    {
        long bytes = (long)header.ElementCount * DTypes.SizeOf(header.DType);
        if (bytes > Array.MaxLength)
            throw new FileFormatException(name, $"shape {Shape.Format(header.Shape)} of {DTypes.NumPyName(header.DType)} needs {bytes} bytes, more than the {Array.MaxLength} one IDX read supports", header.DataOffset);
        return bytes;
    }

    private static ITensor ReadData(Stream stream, IdxHeader header, bool sizeChecked, string name, string truncated) => header.DType switch
    {
        DType.UInt8 => ReadData<byte>(stream, header, sizeChecked, name, truncated),
        DType.Int8 => ReadData<sbyte>(stream, header, sizeChecked, name, truncated),
        DType.Int16 => ReadData<short>(stream, header, sizeChecked, name, truncated),
        DType.Int32 => ReadData<int>(stream, header, sizeChecked, name, truncated),
        DType.Float32 => ReadData<float>(stream, header, sizeChecked, name, truncated),
        _ => ReadData<double>(stream, header, sizeChecked, name, truncated),
    };

    private static Tensor<T> ReadData<T>(Stream stream, IdxHeader header, bool sizeChecked, string name, string truncated) where T : unmanaged
    {
        var storage = StreamReads.ReadElements<T>(stream, header.ElementCount, sizeChecked, name, header.DataOffset, truncated);
        int size = DTypes.SizeOf(header.DType);
        if (size > 1 && BitConverter.IsLittleEndian) ByteOrder.Swap(MemoryMarshal.AsBytes(storage.AsSpan()), size);
        return Tensor.Wrap(storage, header.Shape);
    }
}
