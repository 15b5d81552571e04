using DeepMath.Data;
using DeepMath.Data.Npy;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Data;

/// <summary>
/// Thousands of randomly mutated and truncated files: the only acceptable outcomes are a tensor or
/// a <see cref="FileFormatException"/> (never IndexOutOfRange, NullReference, a hang or an out-of-memory).
/// </summary>
public class NpyFuzzTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "npy");

    [Fact]
    public void Mutated_npy_files_give_a_tensor_or_a_format_error()
    {
        var seeds = Directory.GetFiles(Folder, "*.npy").Select(File.ReadAllBytes).ToArray();
        var rng = new RandomGenerator(2024);
        int formatErrors = 0, successes = 0;
        for (int i = 0; i < 6000; i++)
        {
            var bytes = Mutate(seeds[rng.NextInt(seeds.Length)], rng);
            try
            {
                var t = NpyFile.Read(new MemoryStream(bytes), "fuzz.npy");
                Assert.True(t.Length * (long)DTypes.SizeOf(t.DType) <= bytes.Length);
                successes++;
            }
            catch (FileFormatException e)
            {
                Assert.StartsWith("fuzz.npy: ", e.Message);
                formatErrors++;
            }
        }
        Assert.True(formatErrors > 1000 && successes > 100, $"{formatErrors} format errors, {successes} successes");
    }

    [Fact]
    public void Mutated_npz_archives_give_tensors_or_a_format_error()
    {
        var seeds = new[] { "stored.npz", "deflated.npz" }.Select(n => File.ReadAllBytes(Path.Combine(Folder, n))).ToArray();
        var rng = new RandomGenerator(7);
        int formatErrors = 0;
        for (int i = 0; i < 3000; i++)
        {
            var bytes = Mutate(seeds[rng.NextInt(seeds.Length)], rng);
            try
            {
                _ = NpzFile.Read(new MemoryStream(bytes), "fuzz.npz");
            }
            catch (FileFormatException e)
            {
                Assert.StartsWith("fuzz.npz", e.Message);
                formatErrors++;
            }
        }
        Assert.True(formatErrors > 500, $"{formatErrors} format errors");
    }

    [Fact]
    public void Every_truncation_of_every_fixture_is_refused()
    {
        foreach (var file in Directory.GetFiles(Folder, "*.npy"))
        {
            var bytes = File.ReadAllBytes(file);
            var full = NpyFile.Read(new MemoryStream(bytes), file);
            for (int n = 0; n < bytes.Length; n++)
            {
                if (full.Length == 0 && n >= bytes.Length - 0) continue;
                var cut = bytes[..n];
                bool needsAll = n < bytes.Length - 0 && (full.Length > 0 || n < HeaderEnd(bytes));
                if (!needsAll) continue;
                Assert.Throws<FileFormatException>(() => NpyFile.Read(new MemoryStream(cut), file));
            }
        }
    }

    private static int HeaderEnd(byte[] bytes) => bytes[6] == 1 ? 10 + (bytes[8] | (bytes[9] << 8)) : 12 + (bytes[8] | (bytes[9] << 8) | (bytes[10] << 16));

    private static byte[] Mutate(byte[] source, RandomGenerator rng)
    {
        var bytes = (byte[])source.Clone();
        int kind = rng.NextInt(6);
        switch (kind)
        {
            case 0: // flip a few bits anywhere
                for (int k = 0, n = 1 + rng.NextInt(4); k < n; k++) bytes[rng.NextInt(bytes.Length)] ^= (byte)(1 << rng.NextInt(8));
                return bytes;
            case 1: // overwrite a header byte with a random value
                bytes[rng.NextInt(Math.Min(bytes.Length, 128))] = (byte)rng.NextInt(256);
                return bytes;
            case 2: // truncate
                return bytes[..rng.NextInt(bytes.Length)];
            case 3: // corrupt the header length field
                bytes[8 + rng.NextInt(2)] = (byte)rng.NextInt(256);
                return bytes;
            case 4: // replace a digit or punctuation inside the header text
            {
                int at = 10 + rng.NextInt(Math.Min(bytes.Length - 10, 100));
                bytes[at] = (byte)"0123456789(),:'{} -<>|fiubLTF"[rng.NextInt(29)];
                return bytes;
            }
            default: // insert or delete a span
            {
                int at = rng.NextInt(bytes.Length);
                int len = 1 + rng.NextInt(16);
                var list = bytes.ToList();
                if (rng.NextInt(2) == 0) list.RemoveRange(at, Math.Min(len, list.Count - at));
                else list.InsertRange(at, Enumerable.Range(0, len).Select(_ => (byte)rng.NextInt(256)));
                return [.. list];
            }
        }
    }
}

/// <summary>Issue 14, item 15: the valid empty shape NumPy writes, and a message in the user's terms for a bad shape entry.</summary>
public class NpyShapeEdgeTests
{
    private static byte[] File(string shape)
    {
        var dict = System.Text.Encoding.ASCII.GetBytes("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }");
        int total = 10 + dict.Length + 1, pad = (64 - total % 64) % 64;
        var header = dict.Concat(Enumerable.Repeat((byte)' ', pad)).Append((byte)'\n').ToArray();
        return [0x93, .. "NUMPY"u8, 1, 0, (byte)(header.Length & 0xff), (byte)(header.Length >> 8), .. header];
    }

    [Fact]
    public void An_empty_array_with_axes_of_int_max_reads_and_writes_back()
    {
        using var stream = new MemoryStream(File("(0, 2147483647, 2147483647)"));
        var t = NpyFile.Read(stream, "empty.npy");
        Assert.Equal([0, int.MaxValue, int.MaxValue], t.Shape.Dims.ToArray());
        var again = new MemoryStream();
        NpyFile.Write(again, t);
        again.Position = 0;
        Assert.Equal(t.Shape, NpyFile.Read(again, "again.npy").Shape);
    }

    [Theory]
    [InlineData("(True,)", "expected an integer, found 'True'")]
    [InlineData("(2, -)", "expected an integer, found '-'")]
    [InlineData("(2147483648, 0)", "outside 0..2147483647")]
    public void A_bad_shape_entry_is_named(string shape, string expected)
    {
        using var stream = new MemoryStream(File(shape));
        var e = Assert.Throws<FileFormatException>(() => NpyFile.Read(stream, "bad.npy"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
