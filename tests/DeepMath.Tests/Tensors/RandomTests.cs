using DeepMath.Kernels;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Tensors;

public class RandomTests
{
    [Theory]
    [InlineData(0UL, 0UL, 0UL, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffffffffffUL, 0xffffffffffffffffUL, 0xffffffffffffffffUL, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x85a308d3243f6a88UL, 0x0370734413198a2eUL, 0x299f31d0a4093822UL, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Philox_matches_the_Random123_known_answers(ulong counter, ulong stream, ulong key, uint e0, uint e1, uint e2, uint e3)
    {
        Philox.Block(counter, stream, key, out var r0, out var r1, out var r2, out var r3);
        Assert.Equal([e0, e1, e2, e3], new[] { r0, r1, r2, r3 });
    }

    [Theory]
    [InlineData(0UL, 0UL, 0UL, 4)]
    [InlineData(5UL, 9UL, 0x5EEDUL, 37 * 4)]
    [InlineData(0xFFFF_FFFCUL, 3UL, 77UL, 64 * 4)]            // counters cross 2^32 inside a vector
    [InlineData(ulong.MaxValue - 5, ulong.MaxValue, ulong.MaxValue, 16 * 4)] // and wrap around 2^64
    public void Vectorized_blocks_equal_scalar_blocks(ulong counter, ulong stream, ulong key, int words)
    {
        var vector = new uint[words];
        Philox.Blocks(counter, stream, key, vector);
        var scalar = new uint[words];
        for (int b = 0; b < words / 4; b++)
            Philox.Block(counter + (ulong)b, stream, key, out scalar[4 * b], out scalar[4 * b + 1], out scalar[4 * b + 2], out scalar[4 * b + 3]);
        Assert.Equal(scalar, vector);
    }

    [Fact]
    public void Uniform_floats_are_the_top_bits_of_consecutive_words()
    {
        var rng = new RandomGenerator(11, 2);
        var u = Tensor.Uniform<float>([1027], 0f, 1f, rng).ToArray();
        var reference = new RandomGenerator(11, 2);
        for (int i = 0; i < u.Length; i += 4)
        {
            reference.Block((ulong)(i / 4), out var r0, out var r1, out var r2, out var r3);
            uint[] w = [r0, r1, r2, r3];
            for (int j = 0; j < 4 && i + j < u.Length; j++) Assert.Equal((w[j] >> 8) / 16777216f, u[i + j]);
        }
        Assert.Equal(257, rng.Position);
    }

    [Fact]
    public void Bernoulli_draws_with_the_requested_probability_independent_of_threads()
    {
        using var threads = new ThreadSwitch();
        {
            threads.Threads = 1;
            var one = Tensor.Bernoulli<float>([300_001], 0.3, new RandomGenerator(4)).ToArray();
            threads.Threads = 2;
            var two = Tensor.Bernoulli<float>([300_001], 0.3, new RandomGenerator(4)).ToArray();
            Assert.Equal(one, two);
            Assert.All(one, x => Assert.True(x == 0f || x == 1f));
            // 4.5 standard errors: sqrt(0.3 * 0.7 / 300001) = 0.00084.
            Assert.Equal(0.3, one.Average(), 0.0038);
        }
        Assert.All(Tensor.Bernoulli<double>([1000], 1.0, new RandomGenerator(1)).ToArray(), x => Assert.Equal(1.0, x));
        Assert.All(Tensor.Bernoulli<double>([1000], 0.0, new RandomGenerator(1)).ToArray(), x => Assert.Equal(0.0, x));
        Assert.All(Tensor.Bernoulli<double>([1000], 0.5, new RandomGenerator(1), 2.5).ToArray(), x => Assert.True(x == 0 || x == 2.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Bernoulli<float>([3], 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Bernoulli<float>([3], double.NaN));
    }

    [Fact]
    public void Same_seed_same_values_and_independent_of_thread_count()
    {
        using var threads = new ThreadSwitch();
        {
            threads.Threads = 1;
            var one = Tensor.Normal<float>([100_001], 0f, 1f, 7).ToArray();
            threads.Threads = 2;
            var two = Tensor.Normal<float>([100_001], 0f, 1f, 7).ToArray();
            Assert.Equal(one, two);
        }
        Assert.NotEqual(Tensor.Uniform<double>([10], 0, 1, 1).ToArray(), Tensor.Uniform<double>([10], 0, 1, 2).ToArray());
        var g = new RandomGenerator(5);
        var first = Tensor.Uniform<double>([4], 0, 1, g).ToArray();
        var second = Tensor.Uniform<double>([4], 0, 1, g).ToArray();
        Assert.NotEqual(first, second);
        g.Position = 0;
        Assert.Equal(first, Tensor.Uniform<double>([4], 0, 1, g).ToArray());
    }

    [Fact]
    public void Uniform_stays_in_range_with_the_right_moments()
    {
        var u = Tensor.Uniform<float>([200_000], -2f, 3f, 3);
        var v = u.ToArray();
        Assert.All(v, x => Assert.InRange(x, -2f, 2.9999998f));
        Assert.Equal(0.5, u.Cast<double>().Mean().ToScalar(), 0.02);
        Assert.Equal(25.0 / 12, u.Cast<double>().Var().ToScalar(), 0.03);
    }

    [Fact]
    public void Normal_has_the_requested_mean_and_deviation()
    {
        var n = Tensor.Normal<double>([400_000], 1.5, 2.0, 9);
        Assert.Equal(1.5, n.Mean().ToScalar(), 0.015);
        Assert.Equal(2.0, n.Std().ToScalar(), 0.015);
        var tails = (n - 1.5).Abs() > 2 * 1.96;
        Assert.Equal(0.05, tails.CountTrue() / 400_000.0, 0.003);
    }

    [Fact]
    public void Integers_permutations_and_shuffles()
    {
        var g = new RandomGenerator(1);
        var counts = new int[6];
        for (int i = 0; i < 60_000; i++) counts[g.NextInt(6)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        var p = g.Permutation(1000);
        Assert.Equal(Enumerable.Range(0, 1000), p.Order());
        var r = Tensor.RandomIntegers<long>([1000], -3, 4, g).ToArray();
        Assert.All(r, x => Assert.InRange(x, -3, 3));
        Assert.NotEqual(g.Fork().NextUInt32(), g.Fork().NextUInt32());
    }
}
