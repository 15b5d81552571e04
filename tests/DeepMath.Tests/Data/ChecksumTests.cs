using System.IO.Compression;
using DeepMath.Data;
using DeepMath.Data.Csv;
using DeepMath.Data.Idx;
using DeepMath.Data.Npy;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Data;

/// <summary>Checksums and headers that used to be ignored (issue 14, items 3, 4 and 12).</summary>
public class ChecksumTests
{
    [Fact]
    public void A_flipped_bit_in_a_stored_npz_entry_fails_its_crc()
    {
        using var folder = new TempFolder();
        var path = folder.File("a.npz");
        NpzFile.Write(path, new Dictionary<string, ITensor> { ["a"] = Tensor.Arange(64.0) }, compress: false);
        var bytes = File.ReadAllBytes(path);
        // The last float64 of the array sits just before the central directory; flip a bit in the middle of the data.
        int magic = bytes.AsSpan().IndexOf("\u0093NUMPY"u8[1..]) - 1;
        bytes[magic + 128 + 200] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<FileFormatException>(() => NpzFile.Read(path));
        Assert.Contains("CRC-32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gzip_trailer_that_does_not_match_the_data_is_reported()
    {
        using var folder = new TempFolder();
        var idx = folder.File("images-idx3-ubyte.gz");
        IdxFile.Write(idx, Tensor.Arange(120.0).Cast<byte>().Reshape(2, 6, 10), compress: true);
        Assert.Equal(120, IdxFile.Read(idx).Length);
        CorruptTrailer(idx);
        var e = Assert.Throws<FileFormatException>(() => IdxFile.Read(idx));
        Assert.True(e.Message.Contains("CRC-32", StringComparison.Ordinal), e.Message);

        var csv = folder.File("table.csv.gz");
        using (var file = File.Create(csv))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        using (var writer = new StreamWriter(gzip))
            writer.Write("a,b\n1,2\n3,4\n");
        Assert.Equal(4, CsvFile.Read(csv).Values.Length);
        var truncated = File.ReadAllBytes(csv);
        File.WriteAllBytes(csv, truncated[..^4]);
        Assert.ThrowsAny<FormatException>(() => CsvFile.Read(csv));
    }

    private static void CorruptTrailer(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[^8] ^= 0xFF; // the CRC-32's first byte: the data still decompresses
        File.WriteAllBytes(path, bytes);
    }

    [Theory]
    [InlineData("1,,3\n4,5,6\n", 1, 2)]
    [InlineData("0x10,2\n3,4\n", 1, 1)]
    [InlineData("5.1,3.5,abc,0.2\n1,2,3,4\n", 1, 3)]
    public void A_first_line_with_a_number_is_data_so_its_bad_value_is_reported(string text, int line, int column)
    {
        var e = Assert.Throws<FileFormatException>(() => CsvFile.Read(new StringReader(text), "input.csv"));
        Assert.Contains($"line {line}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{column}", e.Message, StringComparison.Ordinal);
        var named = CsvFile.Read(new StringReader("width,height\n1,2\n"), "input.csv");
        Assert.Equal(["width", "height"], named.Header);
    }
}

/// <summary>Issue 14, item 13: a killed writer's temporary file is cleaned up by the next write.</summary>
public class StaleTemporaryTests
{
    [Fact]
    public void The_next_write_removes_a_dead_writers_temporary_but_not_a_live_ones()
    {
        using var folder = new TempFolder();
        var target = folder.File("model.safetensors");
        var dead = folder.File($".model.safetensors.{int.MaxValue - 7}.0123456789abcdef.tmp");
        var live = folder.File($".model.safetensors.{Environment.ProcessId}.fedcba9876543210.tmp");
        File.WriteAllText(dead, "partial");
        File.WriteAllText(live, "in progress");
        AtomicFile.WriteAllText(target, "complete");
        Assert.False(File.Exists(dead), "the temporary of a process that no longer runs is removed");
        Assert.True(File.Exists(live), "a running process's temporary is left alone");
        Assert.Equal("complete", File.ReadAllText(target));
    }
}
