using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeepMath.Tensors;

namespace DeepMath.Data.SafeTensors;

/// <summary>
/// Reads and writes Hugging Face safetensors files: an 8-byte little-endian header length, a JSON header
/// mapping names to dtype, shape and byte range (plus optional string metadata), then the little-endian,
/// row-major data. Supports BOOL, U8-U64, I8-I64, F16, F32 and F64. Malformed or truncated input raises
/// <see cref="FileFormatException"/> naming the file and the problem, before any allocation the file's
/// size cannot justify.
/// </summary>
public static class SafeTensorsFile
{
    /// <summary>Reads every tensor and the metadata of a safetensors file.</summary>
    public static SafeTensorsContent Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads a safetensors image from the current position of a stream to its end; the stream must be
    /// seekable, since every claim in the header is checked against its length. <paramref name="name"/>
    /// is used in error messages.
    /// </summary>
    /// <exception cref="ArgumentException">The stream cannot seek (copy it into a <see cref="MemoryStream"/> first).</exception>
    public static SafeTensorsContent Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        if (!stream.CanSeek) throw new ArgumentException("Reading safetensors needs a seekable stream; copy the data into a MemoryStream first.", nameof(stream));
        long start = stream.Position;
        long length = stream.Length - start;
        Span<byte> prefix = stackalloc byte[8];
        StreamReads.ReadExactly(stream, prefix, name, 0, "the file is shorter than the 8-byte header length");
        ulong claimed = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (claimed > SafeTensorsHeader.MaxLength)
            throw new FileFormatException(name, $"the header claims {claimed} bytes, more than the {SafeTensorsHeader.MaxLength} allowed", 0);
        int headerLength = (int)claimed;
        if (headerLength > length - 8)
            throw new FileFormatException(name, $"the header claims {headerLength} bytes but only {length - 8} follow", 0);
        var json = new byte[headerLength];
        StreamReads.ReadExactly(stream, json, name, 8, "the header is truncated");
        long dataOffset = 8 + headerLength;
        var (entries, metadata) = SafeTensorsHeader.Parse(json, length - dataOffset, name);
        var tensors = new Dictionary<string, ITensor>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            stream.Position = start + dataOffset + entry.Begin;
            tensors.Add(entry.Name, ReadTensor(stream, entry, name, dataOffset + entry.Begin));
        }
        return new SafeTensorsContent(tensors, metadata);
    }

    /// <summary>
    /// Writes tensors (and optional string metadata) as a safetensors file, atomically. Tensors are laid out
    /// in ordinal name order; the header is padded with spaces to a multiple of 8 bytes, as the reference
    /// implementation does, so that the data is aligned.
    /// </summary>
    /// <exception cref="ArgumentException">A tensor is null, is named <c>__metadata__</c>, or a metadata value is null.</exception>
    public static void Write(string path, IReadOnlyDictionary<string, ITensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = EncodeHeader(tensors, metadata, out var names);
        AtomicFile.Write(path, s => WriteImage(s, header, names, tensors));
    }

    /// <summary>Writes the safetensors image of tensors (and optional string metadata) to a stream.</summary>
    /// <exception cref="ArgumentException">A tensor is null, is named <c>__metadata__</c>, or a metadata value is null.</exception>
    public static void Write(Stream stream, IReadOnlyDictionary<string, ITensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = EncodeHeader(tensors, metadata, out var names);
        WriteImage(stream, header, names, tensors);
    }

    private static void WriteImage(Stream stream, byte[] header, string[] names, IReadOnlyDictionary<string, ITensor> tensors)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        var writer = new DataWriter(stream);
        foreach (var name in names) tensors[name].Accept(writer);
    }

    private static byte[] EncodeHeader(IReadOnlyDictionary<string, ITensor> tensors, IReadOnlyDictionary<string, string>? metadata, out string[] names)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        names = [.. tensors.Keys.Order(StringComparer.Ordinal)];
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps non-ASCII names readable in the file; the output is still plain JSON.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafeTensorsHeader.MetadataKey);
                foreach (var key in metadata.Keys.Order(StringComparer.Ordinal))
                    json.WriteString(key, metadata[key] ?? throw new ArgumentException($"Metadata '{key}' is null.", nameof(metadata)));
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var name in names)
            {
                if (name == SafeTensorsHeader.MetadataKey) throw new ArgumentException($"'{name}' is reserved for metadata and cannot name a tensor.", nameof(tensors));
                var tensor = tensors[name] ?? throw new ArgumentException($"Tensor '{name}' is null.", nameof(tensors));
                json.WriteStartObject(name);
                json.WriteString("dtype", SafeTensorsHeader.NameOf(tensor.DType));
                json.WriteStartArray("shape");
                foreach (var size in tensor.Shape) json.WriteNumberValue(size);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += (long)tensor.Length * DTypes.SizeOf(tensor.DType);
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        int padded = (buffer.WrittenCount + 7) / 8 * 8;
        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static ITensor ReadTensor(Stream stream, SafeTensorsEntry entry, string name, long offset) => entry.DType switch
    {
        DType.Bool => ReadBool(stream, entry, name, offset),
        DType.UInt8 => ReadData<byte>(stream, entry, name, offset),
        DType.Int8 => ReadData<sbyte>(stream, entry, name, offset),
        DType.UInt16 => ReadData<ushort>(stream, entry, name, offset),
        DType.Int16 => ReadData<short>(stream, entry, name, offset),
        DType.UInt32 => ReadData<uint>(stream, entry, name, offset),
        DType.Int32 => ReadData<int>(stream, entry, name, offset),
        DType.UInt64 => ReadData<ulong>(stream, entry, name, offset),
        DType.Int64 => ReadData<long>(stream, entry, name, offset),
        DType.Float16 => ReadData<Half>(stream, entry, name, offset),
        DType.Float32 => ReadData<float>(stream, entry, name, offset),
        _ => ReadData<double>(stream, entry, name, offset),
    };

    private static Tensor<T> ReadData<T>(Stream stream, SafeTensorsEntry entry, string name, long offset) where T : unmanaged
    {
        var storage = StreamReads.ReadElements<T>(stream, entry.ElementCount, lengthKnown: true, name, offset, $"the data of tensor '{entry.Name}' is truncated");
        int size = DTypes.SizeOf(entry.DType);
        if (size > 1 && !BitConverter.IsLittleEndian) ByteOrder.Swap(MemoryMarshal.AsBytes(storage.AsSpan()), size);
        return Tensor.Wrap(storage, entry.Shape);
    }

    private static Tensor<bool> ReadBool(Stream stream, SafeTensorsEntry entry, string name, long offset)
    {
        var raw = StreamReads.ReadElements<byte>(stream, entry.ElementCount, lengthKnown: true, name, offset, $"the data of tensor '{entry.Name}' is truncated");
        var storage = new bool[raw.Length];
        for (int i = 0; i < raw.Length; i++) storage[i] = raw[i] != 0;
        return Tensor.Wrap(storage, entry.Shape);
    }

    private sealed class DataWriter(Stream stream) : ITensorVisitor<bool>
    {
        public bool Visit<T>(Tensor<T> tensor) where T : unmanaged
        {
            ByteOrder.Write<T>(stream, tensor.Contiguous().AsSpan(), bigEndian: false);
            return true;
        }
    }
}
