using DeepMath.Tensors;
using DeepMath.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepMath.Tests.Tensors;

public class ReductionPropertyTests
{
    private static Gen<(TensorCase Case, int[] Axes, bool KeepDims)> Cases =>
        from c in TensorGen.Case(4)
        from mask in Gen.ArrayOf(Gen.Elements(false, true), c.Shape.Length)
        from keep in Gen.Elements(false, true)
        select (c, Enumerable.Range(0, c.Shape.Length).Where(i => mask[i]).ToArray(), keep);

    private static void Check(Func<Tensor<double>, int[], bool, Tensor<double>> op, Func<IReadOnlyList<double>, double> reference,
        bool needsNonEmpty = false, double rtol = 1e-12)
    {
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var x = c.Case.Build();
            var axes = c.Axes;
            bool outputEmpty = Enumerable.Range(0, x.Rank).Any(i => !axes.Contains(i) && c.Case.Shape[i] == 0);
            bool empty = axes.Any(a => c.Case.Shape[a] == 0) && !outputEmpty;
            if (needsNonEmpty && empty)
            {
                Assert.Throws<ArgumentException>(() => op(x, axes, c.KeepDims));
                return;
            }
            var (shape, expected) = Reference.Reduce(x, axes, c.KeepDims, reference);
            var actual = op(x, axes, c.KeepDims);
            Assert.Equal(shape, actual.Shape.ToArray());
            Reference.AssertClose(expected, Reference.ToDoubles(actual), rtol, 1e-12, c.ToString());
        }).Check(TensorGen.Config(200));
    }

    [Fact]
    public void Sum_matches_naive() => Check((x, a, k) => x.Sum(a, k), v => v.Sum());

    [Fact]
    public void Prod_matches_naive() => Check((x, a, k) => x.Prod(a, k), v => v.Aggregate(1.0, (p, q) => p * q), rtol: 1e-10);

    [Fact]
    public void Max_and_min_match_naive_and_refuse_empty_axes()
    {
        Check((x, a, k) => x.Max(a, k), v => v.Max(), needsNonEmpty: true);
        Check((x, a, k) => x.Min(a, k), v => v.Min(), needsNonEmpty: true);
    }

    [Fact]
    public void Mean_var_std_match_naive()
    {
        Check((x, a, k) => x.Mean(a, k), v => v.Count == 0 ? double.NaN : v.Average(), rtol: 1e-12);
        Check((x, a, k) => x.Var(a, 1, k), v => v.Count <= 1 ? (v.Count == 1 ? double.NaN : double.NaN) : v.Select(q => (q - v.Average()) * (q - v.Average())).Sum() / (v.Count - 1), rtol: 1e-10);
        Check((x, a, k) => x.Std(a, 0, k), v => v.Count == 0 ? double.NaN : Math.Sqrt(v.Select(q => (q - v.Average()) * (q - v.Average())).Sum() / v.Count), rtol: 1e-10);
    }

    [Fact]
    public void LogSumExp_and_norms_match_naive()
    {
        Check((x, a, k) => x.LogSumExp(a, k), v => v.Count == 0 ? double.NegativeInfinity : Math.Log(v.Sum(Math.Exp)), rtol: 1e-12);
        Check((x, a, k) => x.Norm(2, a, k), v => Math.Sqrt(v.Sum(q => q * q)), rtol: 1e-12);
        Check((x, a, k) => x.Norm(1, a, k), v => v.Sum(Math.Abs), rtol: 1e-12);
        Check((x, a, k) => x.Norm(3, a, k), v => Math.Pow(v.Sum(q => Math.Pow(Math.Abs(q), 3)), 1.0 / 3), rtol: 1e-12);
    }

    [Fact]
    public void ArgMax_and_ArgMin_pick_the_first_extreme()
    {
        Prop.ForAll(TensorGen.Case(3).ToArbitrary(), c =>
        {
            var x = c.Build();
            if (x.Length == 0 || x.Rank == 0) return;
            var flat = Reference.ToDoubles(x);
            Assert.Equal(Array.IndexOf(flat, flat.Max()), (int)x.ArgMax().ToScalar());
            Assert.Equal(Array.IndexOf(flat, flat.Min()), (int)x.ArgMin().ToScalar());
            var along = x.ArgMax(-1);
            foreach (var i in Reference.Indices(along.Shape))
            {
                var row = Enumerable.Range(0, x.Shape[^1]).Select(j => x[[.. i, j]]).ToArray();
                Assert.Equal(Array.IndexOf(row, row.Max()), (int)along[i]);
            }
        }).Check(TensorGen.Config(150));
        Assert.Equal(1L, Tensor.FromArray([1.0, 3, 3, 2]).ArgMax().ToScalar());
        Assert.Equal(2L, Tensor.FromArray([1.0, 3, double.NaN, 5]).ArgMax().ToScalar());
    }

    [Fact]
    public void Reductions_of_large_arrays_follow_every_path()
    {
        var x = Tensor.Uniform<double>([300, 200, 7], -1, 1, 11);
        foreach (var axes in new[] { new[] { 0 }, [1], [2], [0, 1], [1, 2], [0, 2], [0, 1, 2] })
        {
            var (_, expected) = Reference.Reduce(x, axes, false, v => v.Sum());
            Reference.AssertClose(expected, Reference.ToDoubles(x.Sum(axes)), 1e-11, 1e-11, $"axes {string.Join(",", axes)}");
        }
    }

    [Fact]
    public void Float32_sum_of_ten_million_values_is_within_a_few_ulps_of_float64()
    {
        var x = Tensor.Uniform<float>([10_000_000], 0f, 1f, 99);
        var values = x.AsSpan();
        double exact = 0, compensation = 0;
        foreach (var v in values)
        {
            // Neumaier's compensated sum in double, written independently of the library.
            double t = exact + v;
            compensation += Math.Abs(exact) >= Math.Abs(v) ? (exact - t) + v : (v - t) + exact;
            exact = t;
        }
        float reference = (float)(exact + compensation);
        float sum = x.Sum().ToScalar();
        Assert.True(Reference.UlpDistance(reference, sum) <= 2, $"sum {sum:R} vs reference {reference:R}");
        float mean = x.Mean().ToScalar();
        Assert.True(Reference.UlpDistance((float)((exact + compensation) / 1e7), mean) <= 2);
    }

    [Theory]
    [InlineData(16_383)]     // one stream
    [InlineData(16_384)]     // four streams, no tail
    [InlineData(16_447)]     // four streams and a tail
    [InlineData(262_145)]    // a sum block plus one element
    [InlineData(1_000_003)]  // several blocks
    public void Float32_sums_agree_with_a_double_loop_on_every_path(int length)
    {
        var x = Tensor.Uniform<float>([length], -1f, 3f, (ulong)length);
        double reference = 0;
        foreach (var v in x.AsSpan()) reference += v;
        // Double accumulation of at most 1e6 floats: both sides are within 1e-9 relative of exact.
        Assert.Equal(reference, DeepMath.Kernels.Summation.Sum(x.AsSpan()), Math.Abs(reference) * 1e-9);
        Assert.Equal((float)reference, x.Sum().ToScalar(), Math.Abs(reference) * 1e-6);
        Assert.Equal(reference / length, x.Cast<double>().Mean().ToScalar(), Math.Abs(reference / length) * 1e-9);
    }

    [Fact]
    public void Sum_to_reverses_broadcasting()
    {
        var g = Tensor.Ones<double>(2, 3, 4);
        Assert.Equal(Enumerable.Repeat(6.0, 4).ToArray(), g.SumTo([4]).ToArray());
        Assert.Equal([3, 1], g.SumTo([3, 1]).Shape.ToArray());
        Assert.Equal(Enumerable.Repeat(8.0, 3).ToArray(), g.SumTo([3, 1]).ToArray());
        Assert.Throws<ArgumentException>(() => g.SumTo([5]));
    }

    [Fact]
    public void Softmax_rows_sum_to_one_and_survive_huge_logits()
    {
        var x = Tensor.FromArray([1000.0, 0, -1000, 1, 2, 3], 2, 3);
        var p = x.Softmax(1);
        Assert.Equal(1.0, p[0, 0]);
        Assert.Equal(0.0, p[0, 2]);
        Reference.AssertClose([1.0, 1.0], p.Sum(1).ToArray(), 1e-15, 0);
        var logp = x.LogSoftmax(1);
        Assert.Equal(-2000.0, logp[0, 2]);
        Reference.AssertClose([0.09003057317038046, 0.24472847105479767, 0.6652409557748219], p.Select(0, 1).ToArray(), 1e-15, 0);
    }
}
