using DeepMath.Tests.Support;
using System.Buffers.Binary;
using System.Text;
using DeepMath.Data;
using DeepMath.Data.SafeTensors;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Data;

public class SafeTensorsTests
{
    /// <summary>A file image built by hand from the specification: length, JSON, optional space padding, data.</summary>
    internal static byte[] Build(string json, byte[] data)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    internal static Dictionary<string, ITensor> Mixed() => new()
    {
        ["f64"] = Tensor.Normal<double>([3, 2], 0, 1, 5),
        ["f32"] = Tensor.Normal<float>([4], 0f, 1f, 6).Reshape(2, 2).Transpose(),
        ["f16"] = Tensor.FromArray([(Half)1.5, (Half)(-2), Half.PositiveInfinity]),
        ["i64"] = Tensor.Arange(-5L, 5, 1),
        ["i32"] = Tensor.FromArray([int.MinValue, int.MaxValue]),
        ["i16"] = Tensor.FromArray(new short[] { -300, 300 }),
        ["i8"] = Tensor.FromArray(new sbyte[] { -128, 127 }),
        ["u8"] = Tensor.FromArray(new byte[] { 0, 255 }),
        ["u16"] = Tensor.FromArray(new ushort[] { 65535 }),
        ["u32"] = Tensor.FromArray(new uint[] { uint.MaxValue }),
        ["u64"] = Tensor.FromArray(new ulong[] { ulong.MaxValue }),
        ["mask"] = Tensor.FromArray([true, false, true], 3, 1),
        ["scalar"] = Tensor.Scalar(7.25f),
        ["empty"] = Tensor.Zeros<float>(0, 4),
        ["poids/é.weight"] = Tensor.Ones<double>(2),
        ["层.偏置"] = Tensor.Scalar(1L),
        ["emoji 😀"] = Tensor.Zeros<byte>(2, 0),
    };

    [Fact]
    public void Round_trips_mixed_types_scalars_empties_unicode_names_and_metadata()
    {
        var tensors = Mixed();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode \"quoted\"" };
        using var folder = new TempFolder();
        var path = folder.File("m.safetensors");
        SafeTensorsFile.Write(path, tensors, metadata);
        var back = SafeTensorsFile.Read(path);
        Assert.Equal(tensors.Keys.Order(StringComparer.Ordinal), back.Tensors.Keys);
        foreach (var (name, tensor) in tensors)
        {
            Assert.Equal(tensor.DType, back.Tensors[name].DType);
            Assert.Equal(tensor.Shape, back.Tensors[name].Shape);
            Assert.Equal(tensor.Cast<double>().ToArray(), back.Tensors[name].Cast<double>().ToArray());
        }
        Assert.Equal(metadata.OrderBy(p => p.Key, StringComparer.Ordinal), back.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal));
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0ul, BinaryPrimitives.ReadUInt64LittleEndian(bytes) % 8);
        Assert.Contains("poids/é.weight", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Empty(SafeTensorsFile.Read(new MemoryStream(Stream(tensors, null)), "m").Metadata);
    }

    private static byte[] Stream(IReadOnlyDictionary<string, ITensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var stream = new MemoryStream();
        SafeTensorsFile.Write(stream, tensors, metadata);
        return stream.ToArray();
    }

    [Fact]
    public void Reads_and_writes_a_file_built_by_hand_from_the_specification()
    {
        const string Json = "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"I16\",\"shape\":[],\"data_offsets\":[8,10]}}";
        byte[] data = [0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0xC0, 0xFE, 0xFF]; // 1.5f, -2f, (short)-2, little-endian
        var padded = Json + new string(' ', (8 - Json.Length % 8) % 8);
        var expected = Build(padded, data);
        var content = SafeTensorsFile.Read(new MemoryStream(expected), "hand.safetensors");
        Assert.Equal([1.5f, -2f], Assert.IsType<Tensor<float>>(content.Tensors["a"]).ToArray());
        var b = Assert.IsType<Tensor<short>>(content.Tensors["b"]);
        Assert.Equal(0, b.Rank);
        Assert.Equal(-2, b.ToScalar());
        Assert.Equal("pt", content.Metadata["format"]);
        Assert.Equal(expected, Stream(content.Tensors, content.Metadata));
        // Unpadded headers, keys in any order and unknown entry fields are accepted.
        var reordered = Build("{\"b\":{\"data_offsets\":[8,10],\"shape\":[],\"dtype\":\"I16\",\"extra\":[1]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", data);
        Assert.Equal(-2, SafeTensorsFile.Read(new MemoryStream(reordered), "r").Tensors["b"].Cast<short>().ToScalar());
    }

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "tensor 'b' (bytes 4..12) overlaps tensor 'a' (bytes 0..8)")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", 20, "bytes 8..12 of the data buffer belong to no tensor")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 9, "bytes 8..9 of the data buffer belong to no tensor")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 16, "names 'a' twice")]
    [InlineData("{\"a\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4, "unsupported dtype 'BF16'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, "shape entry -2 that is not a non-negative integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", 8, "shape entry 2.5")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "(8 bytes) but shape (3,) of F32 needs 12 bytes")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", 8, "outside the 8-byte data buffer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, "outside the 8-byte data buffer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", 8, "no 'data_offsets' pair")]
    [InlineData("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "no string 'dtype'")]
    [InlineData("{\"a\":[]}", 0, "is a JSON array, not an object")]
    [InlineData("[1,2]", 0, "the header is a JSON array, not an object")]
    [InlineData("{\"a\":", 0, "not valid JSON")]
    [InlineData("{\"__metadata__\":{\"x\":1}}", 0, "metadata 'x' is a JSON number, not a string")]
    [InlineData("{\"__metadata__\":[\"x\"]}", 0, "'__metadata__' is a JSON array")]
    [InlineData("{\"a\":{\"dtype\":\"U8\",\"shape\":[65536,65536],\"data_offsets\":[0,0]}}", 0, "more elements than a .NET array")]
    [InlineData("{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,18446744073709551615]}}", 1, "data offset 18446744073709551615")]
    public void Malformed_headers_name_the_file_and_the_problem(string json, int dataLength, string problem)
    {
        var e = Assert.Throws<FileFormatException>(() => SafeTensorsFile.Read(new MemoryStream(Build(json, new byte[dataLength])), "bad.safetensors"));
        Assert.StartsWith("bad.safetensors: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Huge_or_lying_header_lengths_are_refused_before_allocating()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);
        Assert.Contains("more than the 104857600 allowed", Assert.Throws<FileFormatException>(() => SafeTensorsFile.Read(new MemoryStream(bytes), "h")).Message);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 100 << 20);
        Assert.Contains("claims 104857600 bytes but only 8 follow", Assert.Throws<FileFormatException>(() => SafeTensorsFile.Read(new MemoryStream(bytes), "h")).Message);
        Assert.Contains("shorter than the 8-byte", Assert.Throws<FileFormatException>(() => SafeTensorsFile.Read(new MemoryStream(bytes[..7]), "h")).Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        var invalidUtf8 = Build("{\"\xFF\":1}", []);
        invalidUtf8[10] = 0xFF;
        Assert.Contains("not valid UTF-8", Assert.Throws<FileFormatException>(() => SafeTensorsFile.Read(new MemoryStream(invalidUtf8), "u")).Message);
        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Read(new ForwardOnlyStream(new MemoryStream(bytes)), "pipe"));
    }

    [Fact]
    public void Writing_refuses_reserved_names_and_nulls()
    {
        Assert.Throws<ArgumentException>(() => Stream(new Dictionary<string, ITensor> { ["__metadata__"] = Tensor.Scalar(1) }, null));
        Assert.Throws<ArgumentException>(() => Stream(new Dictionary<string, ITensor> { ["a"] = null! }, null));
        Assert.Throws<ArgumentException>(() => Stream(new Dictionary<string, ITensor>(), new Dictionary<string, string> { ["a"] = null! }));
        var empty = Stream(new Dictionary<string, ITensor>(), null);
        Assert.Equal(16, empty.Length); // "{}" padded to 8 bytes
        Assert.Empty(SafeTensorsFile.Read(new MemoryStream(empty), "e").Tensors);
    }

    [Fact]
    public void Mutated_files_give_tensors_or_a_format_error()
    {
        var seeds = new[]
        {
            Stream(Mixed(), new Dictionary<string, string> { ["k"] = "v" }),
            Stream(new Dictionary<string, ITensor> { ["w"] = Tensor.Arange(6.0).Reshape(2, 3), ["b"] = Tensor.Zeros<float>(3) }, null),
        };
        var rng = new RandomGenerator(77);
        int formatErrors = 0, successes = 0;
        for (int i = 0; i < 5000; i++)
        {
            var seed = seeds[rng.NextInt(seeds.Length)];
            int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(seed);
            var bytes = Mutations.Mutate(seed, rng, headerEnd, "{}[]\",:0123456789-.eE _tfnu\\");
            try
            {
                var content = SafeTensorsFile.Read(new MemoryStream(bytes), "fuzz.safetensors");
                Assert.True(content.Tensors.Values.Sum(t => (long)t.Length * DTypes.SizeOf(t.DType)) <= bytes.Length);
                successes++;
            }
            catch (FileFormatException e)
            {
                Assert.StartsWith("fuzz.safetensors: ", e.Message);
                formatErrors++;
            }
        }
        Assert.True(formatErrors > 2000 && successes > 60, $"{formatErrors} format errors, {successes} successes");
    }
}
