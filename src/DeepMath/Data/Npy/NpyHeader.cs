using System.Globalization;
using System.Text;
using DeepMath.Tensors;

namespace DeepMath.Data.Npy;

/// <summary>The parsed header of a .npy file: element type, byte order, memory order and shape.</summary>
internal sealed record NpyHeader(DType DType, bool BigEndian, bool FortranOrder, int[] Shape, long DataOffset)
{
    /// <summary>Headers larger than this are refused (NumPy itself refuses above 10,000 bytes by default).</summary>
    public const int MaxHeaderLength = FileLimits.NpyMaxHeaderBytes;

    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public int ElementCount => Tensors.Shape.CheckedCount(Shape);

    /// <summary>Reads and validates the header from the start of a stream, naming <paramref name="name"/> in errors.</summary>
    public static NpyHeader Read(Stream stream, string name)
    {
        Span<byte> prefix = stackalloc byte[10];
        ReadExactly(stream, prefix[..8], name, 0, "the file is shorter than the 8-byte .npy preamble");
        if (!prefix[..6].SequenceEqual(Magic)) throw new FileFormatException(name, "not a .npy file (the magic string \\x93NUMPY is missing)", 0);
        int major = prefix[6], minor = prefix[7];
        if (major is < 1 or > 3 || minor != 0)
            throw new FileFormatException(name, $"unsupported .npy format version {major}.{minor} (1.0, 2.0 and 3.0 are supported)", 6);
        long headerLength;
        int lengthBytes = major == 1 ? 2 : 4;
        ReadExactly(stream, prefix.Slice(8, 2), name, 8, "the header length is truncated");
        if (major == 1) headerLength = prefix[8] | (prefix[9] << 8);
        else
        {
            Span<byte> rest = stackalloc byte[2];
            ReadExactly(stream, rest, name, 10, "the header length is truncated");
            headerLength = (uint)(prefix[8] | (prefix[9] << 8) | (rest[0] << 16) | (rest[1] << 24));
        }
        long preamble = 8 + lengthBytes;
        if (headerLength > MaxHeaderLength)
            throw new FileFormatException(name, $"the header claims {headerLength} bytes, more than the {MaxHeaderLength} allowed", 8);
        if (stream.CanSeek && headerLength > stream.Length - preamble)
            throw new FileFormatException(name, $"the header claims {headerLength} bytes but only {stream.Length - preamble} follow", 8);
        var text = new byte[headerLength];
        ReadExactly(stream, text, name, preamble, "the header is truncated");
        string header;
        try
        {
            header = major == 3 ? new UTF8Encoding(false, true).GetString(text) : Encoding.Latin1.GetString(text);
        }
        catch (DecoderFallbackException e)
        {
            throw new FileFormatException(name, "the header is not valid UTF-8", preamble, e);
        }
        return Parse(header, name, preamble + headerLength);
    }

    private static NpyHeader Parse(string header, string name, long dataOffset)
    {
        var dict = new HeaderParser(header, name).ParseDictionary();
        if (dict.Count != 3 || !dict.ContainsKey("descr") || !dict.ContainsKey("fortran_order") || !dict.ContainsKey("shape"))
            throw new FileFormatException(name, $"the header must hold exactly the keys 'descr', 'fortran_order' and 'shape', not {string.Join(", ", dict.Keys.Select(k => $"'{k}'"))}");
        if (dict["descr"] is not string descr) throw new FileFormatException(name, "'descr' is not a string (structured arrays are not supported)");
        if (dict["fortran_order"] is not bool fortran) throw new FileFormatException(name, "'fortran_order' is not True or False");
        if (dict["shape"] is not List<long> dims) throw new FileFormatException(name, "'shape' is not a tuple of integers");
        var shape = new int[dims.Count];
        long count = 1;
        for (int i = 0; i < dims.Count; i++)
        {
            // An axis may be as long as an int allows when another is 0 (NumPy saves (0, 2147483647, 2147483647)); the element count is what must fit.
            if (dims[i] < 0 || dims[i] > int.MaxValue)
                throw new FileFormatException(name, $"axis {i} of the shape has size {dims[i]}, outside 0..{int.MaxValue}");
            shape[i] = (int)dims[i];
            count *= dims[i];
            if (count > Array.MaxLength)
                throw new FileFormatException(name, $"the shape ({string.Join(", ", dims)}) has more elements than a .NET array can hold");
        }
        var (dtype, bigEndian) = ParseDescr(descr, name);
        return new NpyHeader(dtype, bigEndian, fortran, shape, dataOffset);
    }

    private static (DType, bool) ParseDescr(string descr, string name)
    {
        if (descr.Length < 2) throw new FileFormatException(name, $"unsupported dtype '{descr}'");
        char order = descr[0];
        string code = descr[1..];
        if (order is not ('<' or '>' or '|' or '='))
        {
            order = '=';
            code = descr;
        }
        DType? type = code switch
        {
            "b1" or "?" => DType.Bool,
            "u1" or "B" => DType.UInt8,
            "i1" or "b" => DType.Int8,
            "u2" => DType.UInt16,
            "i2" => DType.Int16,
            "u4" => DType.UInt32,
            "i4" => DType.Int32,
            "u8" => DType.UInt64,
            "i8" => DType.Int64,
            "f2" => DType.Float16,
            "f4" => DType.Float32,
            "f8" => DType.Float64,
            _ => null,
        };
        if (type is null) throw new FileFormatException(name, $"unsupported dtype '{descr}' (supported: bool, int8-64, uint8-64, float16/32/64)");
        bool big = order == '>' || (order == '=' && !BitConverter.IsLittleEndian);
        return (type.Value, big);
    }

    public static string DescrOf(DType type) => type switch
    {
        DType.Bool => "|b1",
        DType.UInt8 => "|u1",
        DType.Int8 => "|i1",
        DType.UInt16 => "<u2",
        DType.Int16 => "<i2",
        DType.UInt32 => "<u4",
        DType.Int32 => "<i4",
        DType.UInt64 => "<u8",
        DType.Int64 => "<i8",
        DType.Float16 => "<f2",
        DType.Float32 => "<f4",
        _ => "<f8",
    };

    /// <summary>The preamble and padded header for writing (version 1.0, or 2.0 when the header is long); total length a multiple of 64.</summary>
    public static byte[] Encode(DType type, ReadOnlySpan<int> shape)
    {
        var dims = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape.ToArray().Select(d => d.ToString(CultureInfo.InvariantCulture)))})";
        var dict = $"{{'descr': '{DescrOf(type)}', 'fortran_order': False, 'shape': {dims}, }}";
        int version = dict.Length + 1 + 10 > 65535 ? 2 : 1;
        int preamble = version == 1 ? 10 : 12;
        int total = (preamble + dict.Length + 1 + 63) / 64 * 64;
        var header = dict.PadRight(total - preamble - 1) + "\n";
        var bytes = new byte[total];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)version;
        bytes[7] = 0;
        int length = header.Length;
        bytes[8] = (byte)length;
        bytes[9] = (byte)(length >> 8);
        if (version == 2)
        {
            bytes[10] = (byte)(length >> 16);
            bytes[11] = (byte)(length >> 24);
        }
        Encoding.Latin1.GetBytes(header, bytes.AsSpan(preamble));
        return bytes;
    }

    internal static void ReadExactly(Stream stream, Span<byte> buffer, string name, long offset, string problem)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n = stream.Read(buffer[done..]);
            if (n == 0) throw new FileFormatException(name, problem, offset + done);
            done += n;
        }
    }
}
