using System.Runtime.InteropServices;
using DeepMath.Tensors;

namespace DeepMath.Data.Npy;

/// <summary>
/// Reads and writes NumPy .npy files (format versions 1.0-3.0; little- and big-endian; C and Fortran
/// order; bool, int8-64, uint8-64, float16/32/64; 0-d and empty arrays). Malformed or truncated input
/// raises <see cref="FileFormatException"/> naming the file and the problem, before any allocation the
/// file's size cannot justify.
/// </summary>
public static class NpyFile
{
    /// <summary>Reads a .npy file with its stored element type.</summary>
    public static ITensor Read(string path)
    {
        using var stream = OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a .npy file, converting the elements to <typeparamref name="T"/> when they are of another type.</summary>
    public static Tensor<T> Read<T>(string path) where T : unmanaged => Read(path).Cast<T>();

    /// <summary>
    /// Reads a .npy image from a stream. <paramref name="available"/> bounds the bytes the stream can
    /// supply when it cannot seek (archive entries); <paramref name="name"/> is used in error messages.
    /// </summary>
    public static ITensor Read(Stream stream, string name, long? available = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = NpyHeader.Read(stream, name);
        long elementBytes = DTypes.SizeOf(header.DType);
        long needed = header.ElementCount * elementBytes;
        long remaining = stream.CanSeek ? stream.Length - stream.Position : (available ?? long.MaxValue) - header.DataOffset;
        if (needed > remaining)
            throw new FileFormatException(name, $"the data is truncated: shape {Shape.Format(header.Shape)} of {DTypes.NumPyName(header.DType)} needs {needed} bytes but {Math.Max(remaining, 0)} remain", header.DataOffset);
        return header.DType switch
        {
            DType.Bool => ReadBool(stream, header, name),
            DType.UInt8 => ReadData<byte>(stream, header, name),
            DType.Int8 => ReadData<sbyte>(stream, header, name),
            DType.UInt16 => ReadData<ushort>(stream, header, name),
            DType.Int16 => ReadData<short>(stream, header, name),
            DType.UInt32 => ReadData<uint>(stream, header, name),
            DType.Int32 => ReadData<int>(stream, header, name),
            DType.UInt64 => ReadData<ulong>(stream, header, name),
            DType.Int64 => ReadData<long>(stream, header, name),
            DType.Float16 => ReadData<Half>(stream, header, name),
            DType.Float32 => ReadData<float>(stream, header, name),
            _ => ReadData<double>(stream, header, name),
        };
    }

    /// <summary>Writes a tensor as a .npy file (version 1.0, little-endian, C order), atomically.</summary>
    public static void Write<T>(string path, Tensor<T> tensor) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor);
        AtomicFile.Write(path, s => Write(s, tensor));
    }

    /// <summary>Writes a tensor of any element type as a .npy file, atomically.</summary>
    public static void Write(string path, ITensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        AtomicFile.Write(path, s => Write(s, tensor));
    }

    /// <summary>Writes the .npy image of a tensor to a stream.</summary>
    public static void Write(Stream stream, ITensor tensor)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.Accept(new Writer(stream));
    }

    private sealed class Writer(Stream stream) : ITensorVisitor<bool>
    {
        public bool Visit<T>(Tensor<T> tensor) where T : unmanaged
        {
            stream.Write(NpyHeader.Encode(tensor.DType, tensor.Shape.AsSpan()));
            // The header declares little-endian data.
            ByteOrder.Write<T>(stream, tensor.Contiguous().AsSpan(), bigEndian: false);
            return true;
        }
    }

    private static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    private static Tensor<T> ReadData<T>(Stream stream, NpyHeader header, string name) where T : unmanaged
    {
        var storage = new T[header.ElementCount];
        var bytes = MemoryMarshal.AsBytes(storage.AsSpan());
        NpyHeader.ReadExactly(stream, bytes, name, header.DataOffset, "the data is truncated");
        int size = DTypes.SizeOf(header.DType);
        if (size > 1 && header.BigEndian == BitConverter.IsLittleEndian) ByteOrder.Swap(bytes, size);
        return Arrange(storage, header);
    }

    private static Tensor<bool> ReadBool(Stream stream, NpyHeader header, string name)
    {
        var raw = new byte[header.ElementCount];
        NpyHeader.ReadExactly(stream, raw, name, header.DataOffset, "the data is truncated");
        var storage = new bool[raw.Length];
        for (int i = 0; i < raw.Length; i++) storage[i] = raw[i] != 0;
        return Arrange(storage, header);
    }

    /// <summary>C order is row-major; Fortran order is the transpose of the reversed shape (a view, no copy).</summary>
    private static Tensor<T> Arrange<T>(T[] storage, NpyHeader header) where T : unmanaged
    {
        if (!header.FortranOrder || header.Shape.Length < 2) return Tensor.Wrap(storage, header.Shape);
        var reversed = header.Shape.Reverse().ToArray();
        return Tensor.Wrap(storage, reversed).Transpose();
    }
}
