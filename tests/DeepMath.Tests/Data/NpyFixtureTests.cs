using System.Globalization;
using System.Text.Json;
using DeepMath.Data;
using DeepMath.Data.Npy;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Data;

public class NpyFixtureTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "npy");

    public static TheoryData<int> Entries()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Manifest().GetArrayLength(); i++) data.Add(i);
        return data;
    }

    private static JsonElement Manifest()
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json"))).RootElement.GetProperty("entries");

    [Theory]
    [MemberData(nameof(Entries))]
    public void Reads_what_numpy_wrote(int index)
    {
        var entry = Manifest()[index];
        var file = Path.Combine(Folder, entry.GetProperty("file").GetString()!);
        var tensor = entry.TryGetProperty("key", out var key) ? NpzFile.Read(file, key.GetString()!) : NpyFile.Read(file);
        var dtype = entry.GetProperty("dtype").GetString()!;
        Assert.Equal(dtype, DTypes.NumPyName(tensor.DType));
        Assert.Equal(entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray(), tensor.Shape.ToArray());
        var expected = entry.GetProperty("values").EnumerateArray().ToArray();
        switch (tensor.DType)
        {
            case DType.Bool:
                Assert.Equal(expected.Select(e => e.GetBoolean()).ToArray(), tensor.Cast<bool>().ToArray());
                break;
            case DType.UInt64:
                Assert.Equal(expected.Select(e => e.GetUInt64()).ToArray(), tensor.Cast<ulong>().ToArray());
                break;
            case DType.Float16 or DType.Float32 or DType.Float64:
            {
                var want = expected.Select(e => Parse(e.GetString()!)).ToArray();
                var got = tensor.Cast<double>().ToArray();
                // Bit-exact, except that every NaN matches every NaN (NumPy's NaN sign is not part of the contract).
                Assert.Equal(want.Select(Bits), got.Select(Bits));
                break;
            }
            default:
                Assert.Equal(expected.Select(e => e.GetInt64()).ToArray(), tensor.Cast<long>().ToArray());
                break;
        }
    }

    private static long Bits(double v) => double.IsNaN(v) ? long.MinValue : BitConverter.DoubleToInt64Bits(v);

    private static double Parse(string s) => s switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        _ => double.Parse(s, CultureInfo.InvariantCulture),
    };

    [Theory]
    [InlineData("float64_c.npy")]
    [InlineData("float32_c.npy")]
    [InlineData("int8_c.npy")]
    [InlineData("uint64_c.npy")]
    [InlineData("bool_c.npy")]
    [InlineData("float32_scalar.npy")]
    [InlineData("float64_empty.npy")]
    [InlineData("int64_empty_2x0x3.npy")]
    public void Writes_the_same_bytes_as_numpy(string name)
    {
        var path = Path.Combine(Folder, name);
        var tensor = NpyFile.Read(path);
        var output = Path.Combine(Path.GetTempPath(), $"deepmath-{Guid.NewGuid():N}.npy");
        try
        {
            NpyFile.Write(output, tensor);
            Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(output));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Fortran_order_reads_as_a_view_with_column_major_strides()
    {
        var t = NpyFile.Read<short>(Path.Combine(Folder, "int16_fortran_3d.npy"));
        Assert.Equal([2, 3, 4], t.Shape.ToArray());
        Assert.False(t.IsContiguous);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (short)i).ToArray(), t.ToArray());
    }

    [Fact]
    public void Round_trips_every_element_type_through_npy_and_npz()
    {
        var arrays = new Dictionary<string, ITensor>
        {
            ["f64"] = Tensor.Normal<double>([3, 5], 0, 1, 1),
            ["f32"] = Tensor.Normal<float>([4], 0f, 1f, 2).Transpose(),
            ["f16"] = Tensor.FromArray([(Half)1.5, (Half)(-2)]),
            ["i64"] = Tensor.Arange(-5L, 5, 1),
            ["u16"] = Tensor.FromArray(new ushort[] { 0, 65535 }),
            ["mask"] = Tensor.FromArray([true, false, true], 3, 1),
            ["scalar"] = Tensor.Scalar(7),
            ["empty"] = Tensor.Zeros<float>(0, 4),
            ["strided"] = Tensor.Arange(20.0).Reshape(4, 5)[.., TensorIndex.Slice(step: -2)],
        };
        var folder = Path.Combine(Path.GetTempPath(), $"deepmath-{Guid.NewGuid():N}");
        try
        {
            foreach (var compress in new[] { false, true })
            {
                var archive = Path.Combine(folder, compress ? "c.npz" : "s.npz");
                NpzFile.Write(archive, arrays, compress);
                var back = NpzFile.Read(archive);
                Assert.Equal(arrays.Keys, back.Keys);
                foreach (var (key, value) in arrays)
                {
                    Assert.Equal(value.DType, back[key].DType);
                    Assert.Equal(value.Shape, back[key].Shape);
                    Assert.Equal(value.Cast<double>().ToArray(), back[key].Cast<double>().ToArray());
                }
            }
            var single = Path.Combine(folder, "x.npy");
            NpyFile.Write(single, arrays["strided"]);
            Assert.Equal(arrays["strided"].Cast<double>().ToArray(), NpyFile.Read<double>(single).ToArray());
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void A_header_claiming_a_trillion_elements_is_refused_at_once()
    {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }";
        var bytes = Header(1, header);
        var e = Assert.Throws<FileFormatException>(() => NpyFile.Read(new MemoryStream(bytes), "huge.npy"));
        Assert.Contains("huge.npy", e.Message);
        var small = Header(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000, 1000), }");
        var t = Assert.Throws<FileFormatException>(() => NpyFile.Read(new MemoryStream(small), "big.npy"));
        Assert.Contains("truncated", t.Message);
        Assert.Contains("8000000 bytes", t.Message);
    }

    [Theory]
    [InlineData("{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }", "unsupported dtype")]
    [InlineData("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", "unsupported value")]
    [InlineData("{'descr': '<f8', 'shape': (2,), }", "exactly the keys")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1, }", "exactly the keys")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (-2,), }", "outside")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)", "ends early")]
    [InlineData("{'descr': '<f8', 'fortran_order': maybe, 'shape': (2,), }", "unsupported value")]
    public void Malformed_headers_name_the_file_and_the_problem(string header, string problem)
    {
        var e = Assert.Throws<FileFormatException>(() => NpyFile.Read(new MemoryStream(Header(1, header)), "bad.npy"));
        Assert.StartsWith("bad.npy: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    private static byte[] Header(int version, string dict)
    {
        var text = System.Text.Encoding.ASCII.GetBytes(dict + "\n");
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)version, 0, (byte)text.Length, (byte)(text.Length >> 8) };
        bytes.AddRange(text);
        return [.. bytes];
    }
}
