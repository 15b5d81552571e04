using DeepMath.Tests.Support;
using DeepMath.Data;
using DeepMath.Data.Idx;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Data;

/// <summary>
/// Thousands of randomly mutated and truncated IDX files, raw and gzipped: the only acceptable outcomes
/// are a tensor or a <see cref="FileFormatException"/>.
/// </summary>
public class IdxFuzzTests
{
    private static byte[][] Seeds()
    {
        using var folder = new TempFolder();
        var tensors = new List<Action<string>>
        {
            p => IdxFile.Write(p, Tensor.Arange(24).Reshape(2, 3, 4).Cast<byte>()),
            p => IdxFile.Write(p, Tensor.Arange(-3, 3, 1).Cast<sbyte>()),
            p => IdxFile.Write(p, Tensor.Arange(10).Reshape(5, 2).Cast<short>()),
            p => IdxFile.Write(p, Tensor.Arange(6).Reshape(1, 2, 1, 3)),
            p => IdxFile.Write(p, Tensor.Linspace(-1f, 1f, 7)),
            p => IdxFile.Write(p, Tensor.Linspace(0.0, 1.0, 4).Reshape(2, 2)),
            p => IdxFile.Write(p, Tensor.Zeros<byte>(0, 3)),
        };
        var seeds = new List<byte[]>();
        for (int i = 0; i < tensors.Count; i++)
        {
            var path = folder.File($"{i}.idx");
            tensors[i](path);
            seeds.Add(File.ReadAllBytes(path));
        }
        return [.. seeds];
    }

    [Fact]
    public void Mutated_raw_and_gzipped_files_give_a_tensor_or_a_format_error()
    {
        var raw = Seeds();
        var rng = new RandomGenerator(1998);
        int formatErrors = 0, successes = 0;
        for (int i = 0; i < 6000; i++)
        {
            var seed = raw[rng.NextInt(raw.Length)];
            var bytes = (i % 3) switch
            {
                0 => Mutations.Mutate(seed, rng, 24, "\0\x01\x02\x03\x08\x09\x0B\x0C\x0D\x0E\x10\x11\x7F\x80\xFF"),
                1 => IdxTests.Gzip(Mutations.Mutate(seed, rng, 24, "\0\x01\x02\x03\x08\x09\x0B\x0C\x0D\x0E\x10\x11\x7F\x80\xFF")),
                _ => Mutations.Mutate(IdxTests.Gzip(seed), rng, 24, "\0\x01\x08\x1F\x8B\xFF"),
            };
            bool forwardOnly = rng.NextInt(4) == 0;
            try
            {
                var t = IdxFile.Read(forwardOnly ? new ForwardOnlyStream(new MemoryStream(bytes)) : new MemoryStream(bytes), "fuzz.idx");
                Assert.True(t.Length * (long)DTypes.SizeOf(t.DType) <= 1032L * bytes.Length);
                successes++;
            }
            catch (FileFormatException e)
            {
                Assert.StartsWith("fuzz.idx: ", e.Message);
                formatErrors++;
            }
        }
        Assert.True(formatErrors > 1500 && successes > 300, $"{formatErrors} format errors, {successes} successes");
    }

    [Fact]
    public void Every_truncation_is_refused()
    {
        foreach (var seed in Seeds())
        {
            var full = IdxFile.Read(new MemoryStream(seed), "seed").Cast<double>().ToArray();
            for (int n = 0; n < seed.Length; n++)
                Assert.Throws<FileFormatException>(() => IdxFile.Read(new MemoryStream(seed[..n]), "cut.idx"));
            var gzip = IdxTests.Gzip(seed);
            for (int n = 0; n < gzip.Length; n++)
            {
                try
                {
                    // Once every data byte is in, gzip may end without its checksum; the data must then be whole.
                    Assert.Equal(full, IdxFile.Read(new MemoryStream(gzip[..n]), "cut.gz").Cast<double>().ToArray());
                }
                catch (FileFormatException)
                {
                }
            }
        }
    }
}
