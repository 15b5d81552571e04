using DeepMath.Kernels;
using DeepMath.LinearAlgebra;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepMath.Tests.LinearAlgebra;

public class GemmTests
{
    /// <summary>alpha * op(A) op(B) + beta * C by the textbook triple loop in double.</summary>
    private static double[,] Naive(Tensor<double> a, Tensor<double> b, bool ta, bool tb, double alpha, double beta, Tensor<double>? c)
    {
        int m = ta ? a.Shape[1] : a.Shape[0], k = ta ? a.Shape[0] : a.Shape[1], n = tb ? b.Shape[0] : b.Shape[1];
        var result = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += (ta ? a[p, i] : a[i, p]) * (tb ? b[j, p] : b[p, j]);
                result[i, j] = alpha * s + (beta == 0 || c is null ? 0 : beta * c[i, j]);
            }
        return result;
    }

    private static void AssertMatches(double[,] expected, Tensor<double> actual, double tolerance, string context)
    {
        Assert.Equal(expected.GetLength(0), actual.Shape[0]);
        Assert.Equal(expected.GetLength(1), actual.Shape[1]);
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++)
                if (!(Math.Abs(expected[i, j] - actual[i, j]) <= tolerance * (1 + Math.Abs(expected[i, j]))))
                    Assert.Fail($"{context}: C[{i}, {j}] expected {expected[i, j]:R} got {actual[i, j]:R}");
    }

    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 3, 3, 3 }, { 7, 7, 7 }, { 17, 17, 17 }, { 33, 33, 33 }, { 65, 65, 65 }, { 257, 257, 257 },
        { 1000, 17, 65 }, { 7, 1000, 33 }, { 33, 65, 1000 }, { 1, 300, 70 }, { 300, 1, 70 }, { 64, 10, 128 },
        { 10, 64, 128 }, { 64, 128, 10 }, { 2, 500, 3 }, { 500, 2, 3 }, { 6, 32, 1 }, { 13, 97, 5 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_and_float_products_match_the_naive_loop_for_every_transpose(int m, int n, int k)
    {
        foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            var a = ta ? Tensor.Uniform<double>([k, m], -1, 1, 1) : Tensor.Uniform<double>([m, k], -1, 1, 1);
            var b = tb ? Tensor.Uniform<double>([n, k], -1, 1, 2) : Tensor.Uniform<double>([k, n], -1, 1, 2);
            var expected = Naive(a, b, ta, tb, 1, 0, null);
            var c = Tensor.Zeros<double>(m, n);
            Linalg.Gemm(Op(ta), Op(tb), 1.0, a, b, 0.0, c);
            AssertMatches(expected, c, 1e-13 * Math.Sqrt(k), $"double {m}x{n}x{k} ta={ta} tb={tb}");
            var cf = Tensor.Zeros<float>(m, n);
            Linalg.Gemm(Op(ta), Op(tb), 1f, a.Cast<float>(), b.Cast<float>(), 0f, cf);
            AssertMatches(expected, cf.Cast<double>(), 2e-6 * Math.Sqrt(k), $"float {m}x{n}x{k} ta={ta} tb={tb}");
        }
    }

    [Fact]
    public void Strided_and_reversed_views_are_used_in_place()
    {
        Prop.ForAll(Gen.Choose(1, 40).Three().ToArbitrary(), TensorGen.Layout.Two().ToArbitrary(), Gen.Elements(false, true).Two().ToArbitrary(),
            (dims, layouts, transposes) =>
        {
            var (m, n, k) = dims;
            var (ta, tb) = transposes;
            var a = TensorCase.Make(ta ? [k, m] : [m, k], 3, layouts.Item1);
            var b = TensorCase.Make(tb ? [n, k] : [k, n], 4, layouts.Item2);
            var c = TensorCase.Make([m, n], 5, LayoutKind.Strided);
            var expected = Naive(a, b, ta, tb, 0.5, -2, c);
            Linalg.Gemm(Op(ta), Op(tb), 0.5, a, b, -2.0, c);
            AssertMatches(expected, c, 1e-12, $"{m}x{n}x{k} {layouts} {transposes}");
        }).Check(TensorGen.Config(120));
    }

    [Fact]
    public void Alpha_and_beta_follow_blas_and_beta_zero_overwrites_nan()
    {
        var a = Tensor.Uniform<double>([40, 30], -1, 1, 7);
        var b = Tensor.Uniform<double>([30, 50], -1, 1, 8);
        var c0 = Tensor.Uniform<double>([40, 50], -1, 1, 9);
        foreach (var (alpha, beta) in new[] { (1.0, 0.0), (2.5, 1.0), (-1.0, 0.5), (0.0, 3.0), (0.0, 0.0) })
        {
            var c = c0.Clone();
            var expected = Naive(a, b, false, false, alpha, beta, c0);
            Linalg.Gemm(Transposition.None, Transposition.None, alpha, a, b, beta, c);
            AssertMatches(expected, c, 1e-13, $"alpha {alpha} beta {beta}");
        }
        foreach (var n in new[] { 1, 50 })
        {
            var cn = Tensor.Full([40, n], double.NaN);
            Linalg.Gemm(Transposition.None, Transposition.None, 1.0, a, b[.., ..n], 0.0, cn);
            Assert.False(cn.IsNaN().Any());
            var cz = Tensor.Full([40, n], double.NaN);
            Linalg.Gemm(Transposition.None, Transposition.None, 0.0, a, b[.., ..n], 0.0, cz);
            Assert.Equal(new double[40 * n], cz.ToArray());
        }
    }

    [Fact]
    public void Nan_and_infinity_propagate_to_the_rows_and_columns_they_touch()
    {
        var a = Tensor.Ones<float>(20, 30);
        var b = Tensor.Ones<float>(30, 40);
        a[3, 7] = float.NaN;
        b[2, 5] = float.PositiveInfinity;
        var c = a.MatMul(b);
        for (int i = 0; i < 20; i++)
            for (int j = 0; j < 40; j++)
            {
                if (i == 3) Assert.True(float.IsNaN(c[i, j]));
                else if (j == 5) Assert.Equal(float.PositiveInfinity, c[i, j]);
                else Assert.Equal(30f, c[i, j]);
            }
    }

    [Fact]
    public void Results_are_bit_identical_for_one_and_two_threads()
    {
        using var threads = new ThreadSwitch();
        {
            foreach (var (m, n, k) in new[] { (300, 200, 500), (64, 128, 784), (784, 128, 64), (1000, 7, 300) })
            {
                var a = Tensor.Uniform<float>([m, k], -1, 1, 1);
                var b = Tensor.Uniform<float>([k, n], -1, 1, 2);
                threads.Threads = 1;
                var one = a.MatMul(b).ToArray();
                var oneT = a.Transpose().Contiguous().Transpose().MatMul(b.Transpose().Contiguous().Transpose()).ToArray();
                threads.Threads = 2;
                var two = a.MatMul(b).ToArray();
                Assert.Equal(one, two);
                Assert.Equal(oneT, a.Transpose().Contiguous().Transpose().MatMul(b.Transpose().Contiguous().Transpose()).ToArray());
            }
        }
    }

    [Theory]
    [InlineData(64, 128, 784, false, false)] // packed in double (too big to stream), split by columns
    [InlineData(64, 784, 128, false, true)]  // B transposed: vector-transposed packing, split by columns
    [InlineData(1500, 40, 200, false, false)] // more rows than one A block and few columns: split by rows
    [InlineData(200, 300, 450, true, true)]
    public void Packed_products_on_two_threads_match_the_reference_and_one_thread(int m, int n, int k, bool ta, bool tb)
    {
        using var threads = new ThreadSwitch();
        {
            var a = ta ? Tensor.Uniform<double>([k, m], -1, 1, 3) : Tensor.Uniform<double>([m, k], -1, 1, 3);
            var b = tb ? Tensor.Uniform<double>([n, k], -1, 1, 4) : Tensor.Uniform<double>([k, n], -1, 1, 4);
            var opA = ta ? a.Transpose() : a;
            var opB = tb ? b.Transpose() : b;
            threads.Threads = 2;
            var two = opA.MatMul(opB);
            AssertMatches(Naive(a, b, ta, tb, 1, 0, null), two, 1e-12, $"{m}x{n}x{k} ta={ta} tb={tb}");
            threads.Threads = 1;
            Assert.Equal(opA.MatMul(opB).ToArray(), two.ToArray());
            var twoSingle = opA.Cast<float>().MatMul(opB.Cast<float>());
            threads.Threads = 2;
            Assert.Equal(twoSingle.ToArray(), opA.Cast<float>().MatMul(opB.Cast<float>()).ToArray());
        }
    }

    [Fact]
    public void MatMul_follows_numpy_for_vectors_and_batches()
    {
        var v = Tensor.FromArray([1.0, 2, 3]);
        var m = Tensor.Arange(6.0).Reshape(3, 2);
        Assert.Equal(0, v.MatMul(v).Rank);
        Assert.Equal(14.0, v.MatMul(v).ToScalar());
        Assert.Equal([16.0, 22], v.MatMul(m).ToArray());
        Assert.Equal([2.0, 8, 14], m.MatMul(Tensor.FromArray([1.0, 2])).ToArray());
        var batch = Tensor.Uniform<double>([4, 1, 5, 3], -1, 1, 1);
        var other = Tensor.Uniform<double>([2, 3, 6], -1, 1, 2);
        var product = batch.MatMul(other);
        Assert.Equal([4, 2, 5, 6], product.Shape.ToArray());
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 2; j++)
            {
                var expected = Naive(batch[i, 0, ..], other[j, ..], false, false, 1, 0, null);
                AssertMatches(expected, product[i, j, ..], 1e-14, $"batch {i},{j}");
            }
        var many = Tensor.Uniform<float>([50, 4, 3], -1, 1, 3).MatMul(Tensor.Uniform<float>([3, 2], -1, 1, 4));
        Assert.Equal([50, 4, 2], many.Shape.ToArray());
        Assert.Equal([2, 3], Tensor.FromArray([1, 2, 3, 4], 2, 2).MatMul(Tensor.FromArray([1, 0, 1, 0, 1, 1], 2, 3)).Shape.ToArray());
        Assert.Equal([1, 2, 3, 3, 4, 7], Tensor.FromArray([1, 2, 3, 4], 2, 2).MatMul(Tensor.FromArray([1, 0, 1, 0, 1, 1], 2, 3)).ToArray());
    }

    [Fact]
    public void Mismatched_shapes_name_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros<float>(2, 3).MatMul(Tensor.Zeros<float>(4, 5)));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(4, 5)", e.Message);
        var batch = Assert.Throws<ArgumentException>(() => Tensor.Zeros<float>(2, 2, 3).MatMul(Tensor.Zeros<float>(3, 3, 4)));
        Assert.Contains("(2, 2, 3)", batch.Message);
        Assert.Contains("(3, 3, 4)", batch.Message);
        var g = Assert.Throws<ArgumentException>(() => Linalg.Gemm(Transposition.None, Transposition.None, 1f, Tensor.Zeros<float>(2, 3), Tensor.Zeros<float>(3, 4), 0f, Tensor.Zeros<float>(2, 5)));
        Assert.Contains("(2, 5)", g.Message);
        Assert.Throws<InvalidOperationException>(() => Linalg.Gemm(Transposition.None, Transposition.None, 1f, Tensor.Zeros<float>(2, 3), Tensor.Zeros<float>(3, 4), 0f, Tensor.Zeros<float>(1, 4).Expand(2, 4)));
    }

    [Fact]
    public void Gemv_and_dot_match_naive_with_strides()
    {
        var a = Tensor.Uniform<double>([300, 200], -1, 1, 1);
        var x = Tensor.Uniform<double>([400], -1, 1, 2)[TensorIndex.Slice(step: 2)];
        var y = Tensor.Uniform<double>([300], -1, 1, 3);
        var y0 = y.Clone();
        Linalg.Gemv(Transposition.None, 2.0, a, x, 0.5, y);
        for (int i = 0; i < 300; i++)
        {
            double s = 0;
            for (int p = 0; p < 200; p++) s += a[i, p] * x[p];
            Assert.Equal(2 * s + 0.5 * y0[i], y[i], 1e-12);
        }
        var z = Tensor.Zeros<double>(200);
        Linalg.Gemv(Transposition.Transposed, 1.0, a, y0, 0.0, z);
        for (int j = 0; j < 200; j++)
        {
            double s = 0;
            for (int i = 0; i < 300; i++) s += a[i, j] * y0[i];
            Assert.Equal(s, z[j], 1e-12);
        }
        Assert.Equal(32.0, Linalg.Dot(Tensor.FromArray([1.0, 2, 3]), Tensor.FromArray([4.0, 5, 6])));
        Assert.Throws<ArgumentException>(() => Linalg.Dot(Tensor.FromArray([1.0, 2]), Tensor.FromArray([1.0])));
    }

    [Fact]
    public void Output_overlapping_an_input_is_computed_safely()
    {
        var a = Tensor.Uniform<double>([20, 20], -1, 1, 1);
        var expected = Naive(a, a, false, false, 1, 0, null);
        Linalg.Gemm(Transposition.None, Transposition.None, 1.0, a, a, 0.0, a);
        AssertMatches(expected, a, 1e-13, "C aliases A and B");
    }

    private static Transposition Op(bool transposed) => transposed ? Transposition.Transposed : Transposition.None;
}

public class TransposedPackingTests
{
    [Fact]
    public unsafe void Vector_transposes_match_the_definition()
    {
        if (!System.Runtime.Intrinsics.X86.Avx512F.IsSupported) return; // the scalar packing is covered by GemmTests
        var source = new float[20 * 37];
        for (int i = 0; i < source.Length; i++) source[i] = i * 0.5f - 3;
        var target = new float[16 * 40];
        fixed (float* s = source, t = target)
            DeepMath.Kernels.Gemm.TransposedPacking.Transpose16(s + 3, 37, t + 5, 40);
        for (int r = 0; r < 16; r++)
            for (int p = 0; p < 16; p++)
                Assert.Equal(source[3 + r * 37 + p], target[5 + p * 40 + r]);

        var sourceD = new double[9 * 21];
        for (int i = 0; i < sourceD.Length; i++) sourceD[i] = i * 0.25 + 1;
        var targetD = new double[8 * 19];
        fixed (double* s = sourceD, t = targetD)
            DeepMath.Kernels.Gemm.TransposedPacking.Transpose8(s + 2, 21, t + 1, 19);
        for (int r = 0; r < 8; r++)
            for (int p = 0; p < 8; p++)
                Assert.Equal(sourceD[2 + r * 21 + p], targetD[1 + p * 19 + r]);
    }
}
