using DeepMath.Tests.Support;
using System.IO.Compression;
using DeepMath.Data;
using DeepMath.Data.Idx;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Data;

public class IdxTests
{
    private const string FashionMnist = "/usr/share/datasets/fashion-mnist";

    public static TheoryData<DType, int, bool> Cases()
    {
        var data = new TheoryData<DType, int, bool>();
        foreach (var type in new[] { DType.UInt8, DType.Int8, DType.Int16, DType.Int32, DType.Float32, DType.Float64 })
        {
            for (int rank = 1; rank <= 4; rank++)
            {
                data.Add(type, rank, false);
                data.Add(type, rank, true);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Round_trips_every_type_and_rank(DType type, int rank, bool compress)
    {
        var shape = new[] { 3, 4, 2, 5 }[..rank];
        var values = Tensor.Normal<double>(shape, 0, 300, (ulong)(rank * 31 + (int)type));
        switch (type)
        {
            case DType.UInt8: RoundTrip(values.Cast<byte>(), compress); break;
            case DType.Int8: RoundTrip(values.Cast<sbyte>(), compress); break;
            case DType.Int16: RoundTrip(values.Cast<short>(), compress); break;
            case DType.Int32: RoundTrip((values * 1e6).Cast<int>(), compress); break;
            case DType.Float32: RoundTrip(values.Cast<float>(), compress); break;
            default: RoundTrip(values, compress); break;
        }
    }

    private static void RoundTrip<T>(Tensor<T> tensor, bool compress) where T : unmanaged
    {
        using var folder = new TempFolder();
        var path = folder.File("x.idx");
        IdxFile.Write(path, tensor, compress);
        Assert.Equal(compress, File.ReadAllBytes(path)[0] == 0x1F);
        var back = IdxFile.Read(path);
        Assert.Equal(tensor.DType, back.DType);
        Assert.Equal(tensor.Shape, back.Shape);
        Assert.Equal(tensor.ToArray(), back.Cast<T>().ToArray());
        var streamed = IdxFile.Read(new ForwardOnlyStream(File.OpenRead(path)), "x.idx");
        Assert.Equal(tensor.ToArray(), streamed.Cast<T>().ToArray());
    }

    [Fact]
    public void Empty_and_strided_tensors_round_trip()
    {
        using var folder = new TempFolder();
        var empty = Tensor.Zeros<float>(3, 0, 2);
        IdxFile.Write(folder.File("e.idx"), empty);
        Assert.Equal(empty.Shape, IdxFile.Read(folder.File("e.idx")).Shape);
        var strided = Tensor.Arange(12).Reshape(3, 4).Transpose();
        IdxFile.Write(folder.File("s.idx.gz"), strided, compress: true);
        Assert.Equal(strided.ToArray(), IdxFile.Read<int>(folder.File("s.idx.gz")).ToArray());
        Assert.Equal(strided.Cast<double>().ToArray(), IdxFile.Read<double>(folder.File("s.idx.gz")).ToArray());
    }

    [Fact]
    public void Reads_and_writes_the_bytes_the_format_specifies()
    {
        byte[] bytes =
        [
            0, 0, 0x0B, 2, 0, 0, 0, 2, 0, 0, 0, 3, // int16, 2 x 3
            0x00, 0x01, 0xFF, 0xFE, 0x00, 0x03, 0x01, 0x00, 0x80, 0x00, 0x7F, 0xFF,
        ];
        var t = Assert.IsType<Tensor<short>>(IdxFile.Read(new MemoryStream(bytes), "hand.idx"));
        Assert.Equal([2, 3], t.Shape.ToArray());
        Assert.Equal(new short[] { 1, -2, 3, 256, short.MinValue, short.MaxValue }, t.ToArray());
        using var folder = new TempFolder();
        IdxFile.Write(folder.File("w.idx"), t);
        Assert.Equal(bytes, File.ReadAllBytes(folder.File("w.idx")));
        File.WriteAllBytes(folder.File("f.idx"), [0, 0, 0x0D, 1, 0, 0, 0, 2, 0x3F, 0xC0, 0, 0, 0xC0, 0, 0, 0]);
        Assert.Equal([1.5f, -2f], IdxFile.Read<float>(folder.File("f.idx")).ToArray());
    }

    [Fact]
    public void Other_element_types_and_ranks_are_refused_when_writing()
    {
        using var folder = new TempFolder();
        Assert.Throws<NotSupportedException>(() => IdxFile.Write(folder.File("a"), Tensor.Zeros<long>(2)));
        Assert.Throws<NotSupportedException>(() => IdxFile.Write(folder.File("a"), Tensor.Zeros<Half>(2)));
        Assert.Throws<ArgumentException>(() => IdxFile.Write(folder.File("a"), Tensor.Scalar(1.0)));
        Assert.Throws<ArgumentException>(() => IdxFile.Write(folder.File("a"), Tensor.Zeros<byte>(Enumerable.Repeat(1, 17).ToArray())));
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 8 }, "shorter than the 4-byte")]
    [InlineData(new byte[] { 1, 0, 8, 1, 0, 0, 0, 0 }, "two zero bytes")]
    [InlineData(new byte[] { 0, 0, 0x0A, 1, 0, 0, 0, 0 }, "type code 0x0A")]
    [InlineData(new byte[] { 0, 0, 8, 0 }, "0 dimensions")]
    [InlineData(new byte[] { 0, 0, 8, 17 }, "17 dimensions")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 0, 0, 1 }, "truncated in the dimension sizes")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0xFF, 0xFF, 0xFF, 0xFE }, "negative size -2")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 1, 2 }, "needs 3 bytes but 2 remain")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 1, 2 }, "1 unexpected bytes follow")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 1, 0, 0, 0, 1, 0, 0 }, "more elements than a .NET array")]
    [InlineData(new byte[] { 0, 0, 0x0E, 1, 0x10, 0, 0, 0 }, "more than the 2147483591 one IDX read")]
    public void Malformed_files_name_the_file_and_the_problem(byte[] bytes, string problem)
    {
        var e = Assert.Throws<FileFormatException>(() => IdxFile.Read(new MemoryStream(bytes), "bad.idx"));
        Assert.StartsWith("bad.idx: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_header_claiming_a_huge_size_is_refused_before_allocating()
    {
        byte[] header = [0, 0, 0x0D, 3, 0, 0, 0x40, 0, 0, 0, 0x40, 0, 0, 0, 0, 1]; // 16384 x 16384 x 1 float32: 1 GiB
        long before = GC.GetAllocatedBytesForCurrentThread();
        var raw = Assert.Throws<FileFormatException>(() => IdxFile.Read(new MemoryStream(header), "huge.idx"));
        Assert.Contains("huge.idx: the data is truncated: shape (16384, 16384, 1) of float32 needs 1073741824 bytes but 0 remain", raw.Message);
        var gzip = Assert.Throws<FileFormatException>(() => IdxFile.Read(new MemoryStream(Gzip([0, 0, 8, 2, 0, 0, 0x40, 0, 0, 0, 0x40, 0, 1, 2, 3])), "huge.idx.gz"));
        Assert.Contains("compressed bytes can expand to", gzip.Message);
        var streamed = Assert.Throws<FileFormatException>(() => IdxFile.Read(new ForwardOnlyStream(new MemoryStream([0, 0, 8, 2, 0, 0, 0x40, 0, 0, 0, 0x40, 0, 1, 2, 3])), "pipe"));
        Assert.Contains("truncated", streamed.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "a lying header made the reader allocate");
    }

    [Fact]
    public void Gzip_problems_are_format_errors()
    {
        var good = Gzip([0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, IdxFile.Read(new MemoryStream(good), "ok.gz").Cast<byte>().ToArray());
        var corrupt = (byte[])good.Clone();
        corrupt[^6] ^= 0xFF; // the CRC
        Assert.Contains("corrupt gzip", Assert.Throws<FileFormatException>(() => IdxFile.Read(new MemoryStream(corrupt), "crc.gz")).Message);
        var trailing = Gzip([0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3, 4]);
        Assert.Contains("unexpected bytes", Assert.Throws<FileFormatException>(() => IdxFile.Read(new MemoryStream(trailing), "t.gz")).Message);
        var shortData = Gzip([0, 0, 8, 1, 0, 0, 0, 3, 1, 2]);
        Assert.Contains("decompressed data is truncated", Assert.Throws<FileFormatException>(() => IdxFile.Read(new MemoryStream(shortData), "s.gz")).Message);
    }

    [Fact]
    public void Reads_fashion_mnist()
    {
        if (!Directory.Exists(FashionMnist)) return; // the data set is an optional system package
        var images = IdxFile.Read<byte>(Path.Combine(FashionMnist, "train-images-idx3-ubyte.gz"));
        Assert.Equal([60000, 28, 28], images.Shape.ToArray());
        var labels = IdxFile.Read<byte>(Path.Combine(FashionMnist, "train-labels-idx1-ubyte.gz"));
        Assert.Equal([60000], labels.Shape.ToArray());
        var counts = new int[256];
        foreach (var label in labels.AsSpan()) counts[label]++;
        Assert.All(counts[..10], c => Assert.Equal(6000, c));
        Assert.Equal(60000, counts[..10].Sum());
        Assert.True(images.AsSpan().IndexOf((byte)255) >= 0);
        var testLabels = IdxFile.Read(Path.Combine(FashionMnist, "t10k-labels-idx1-ubyte.gz"));
        Assert.Equal(DType.UInt8, testLabels.DType);
        Assert.Equal([10000], testLabels.Shape.ToArray());
    }

    internal static byte[] Gzip(byte[] raw)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(raw);
        return output.ToArray();
    }
}
