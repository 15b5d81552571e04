using DeepMath.Autodiff;
using DeepMath.Calculus;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Tensors;

/// <summary>
/// Disagreements with NumPy 1.24 / PyTorch 1.13 found by a differential review (issue 9). Each test
/// failed before its fix.
/// </summary>
public class ReportedDefectTests
{
    [Fact]
    public void Tanh_is_exact_near_zero_on_contiguous_tensors()
    {
        var single = Tensor.Zeros<float>(64).Tanh().AsSpan().ToArray();
        Assert.All(single, v => Assert.Equal(0f, v));
        Assert.True(float.IsNegative(Tensor.FromArray(Enumerable.Repeat(-0f, 40).ToArray()).Tanh()[7]));
        var tiny = Tensor.FromArray(Enumerable.Repeat(1e-30, 40).ToArray()).Tanh();
        Assert.All(tiny.AsSpan().ToArray(), v => Assert.Equal(1e-30, v));
        var small = Tensor.FromArray(Enumerable.Repeat(1e-10, 40).ToArray()).Tanh();
        Assert.All(small.AsSpan().ToArray(), v => Assert.Equal(Math.Tanh(1e-10), v, 1e-26));
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(-3e-8)]
    [InlineData(0.3)]
    [InlineData(-0.9)]
    [InlineData(1.7)]
    [InlineData(-19.5)]
    [InlineData(25)]
    public void Tanh_agrees_with_the_system_library_to_a_few_ulp(double x)
    {
        var t = Tensor.FromArray(Enumerable.Repeat(x, 33).ToArray()).Tanh();
        var expected = Math.Tanh(x);
        double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
        foreach (var v in t.AsSpan()) Assert.True(Math.Abs(v - expected) <= 4 * ulp, $"tanh({x}) = {v:R}, expected {expected:R}");
    }

    [Fact]
    public void Exp_tanh_and_sigmoid_give_the_same_bits_contiguous_strided_and_alone()
    {
        var values = new double[] { -800, -745.5, -700, -30, -1, -1e-9, -0.0, 0, 1e-300, 0.25, 1, 3.3, 30, 700, 709.7, 710, double.PositiveInfinity, double.NegativeInfinity, double.NaN };
        foreach (var name in new[] { "exp", "tanh", "sigmoid", "expm1", "log", "sin", "cos" })
        {
            Func<Tensor<double>, Tensor<double>> f = name switch
            {
                "exp" => t => t.Exp(),
                "tanh" => t => t.Tanh(),
                "sigmoid" => t => t.Sigmoid(),
                "expm1" => t => t.ExpM1(),
                "log" => t => t.Abs().Log(),
                "sin" => t => t.Sin(),
                _ => t => t.Cos(),
            };
            var contiguous = f(Tensor.FromArray(values));
            var strided = f(Tensor.Stack([Tensor.FromArray(values), Tensor.FromArray(values)], 1)[.., 0]);
            for (int i = 0; i < values.Length; i++)
            {
                var alone = f(Tensor.FromArray([values[i]]))[0];
                Assert.Equal(BitConverter.DoubleToInt64Bits(contiguous[i]), BitConverter.DoubleToInt64Bits(alone));
                Assert.Equal(BitConverter.DoubleToInt64Bits(contiguous[i]), BitConverter.DoubleToInt64Bits(strided[i]));
            }
        }
    }

    [Fact]
    public void Sigmoid_keeps_the_far_negative_tail()
    {
        Assert.Equal(3.720075976020836e-44, Tensor.FromArray([-100.0]).Sigmoid()[0], 1e-57);
        Assert.True(Tensor.FromArray([-100f]).Sigmoid()[0] > 0);
        Assert.Equal(1.0, Tensor.FromArray([40.0]).Sigmoid()[0]);
    }

    [Fact]
    public void Log1p_and_expm1_do_not_overflow_below_their_limits()
    {
        Assert.Equal(709.1962086421661, Tensor.FromArray([1e308]).Log1P()[0], 1e-12);
        Assert.True(float.IsFinite(Tensor.FromArray([1e37f]).Log1P()[0]));
        Assert.Equal(85.19564, Tensor.FromArray([1e37f]).Log1P()[0], 1e-3);
        var e = Tensor.FromArray([705.0]).ExpM1()[0];
        Assert.Equal(1.0, e / 1.505253833063194e306, 1e-14);
        Assert.True(float.IsFinite(Tensor.FromArray([88f]).ExpM1()[0]));
        Assert.Equal(709.1962086421661, DeepMath.Kernels.ScalarMath.Log1P(1e308), 1e-12);
        Assert.Equal(1.0, DeepMath.Kernels.ScalarMath.ExpM1(705.0) / 1.505253833063194e306, 1e-14);
    }

    [Fact]
    public void Argmax_and_argmin_take_the_first_of_signed_zero_ties()
    {
        Assert.Equal(0L, Tensor.FromArray([-0.0, 0.0]).ArgMax().ToScalar());
        Assert.Equal(0L, Tensor.FromArray([0.0, -0.0]).ArgMin().ToScalar());
        Assert.Equal(0L, Tensor.FromArray([0f, -0f]).ArgMax().ToScalar());
        Assert.Equal(1L, Tensor.FromArray([1.0, double.NaN, 5.0, double.NaN]).ArgMax().ToScalar());
        Assert.Equal(1L, Tensor.FromArray([1.0, double.NaN, -5.0]).ArgMin().ToScalar());
        var rows = Tensor.FromArray([-0.0, 0.0, 3.0, 3.0]).Reshape(2, 2);
        Assert.Equal([0L, 0L], rows.ArgMax(1).AsSpan().ToArray());
    }

    [Fact]
    public void Norm_of_a_slice_with_infinities_is_infinite()
    {
        var x = Tensor.FromArray([1.0, double.NegativeInfinity, 2.0, 3.0]);
        Assert.Equal(double.PositiveInfinity, x[..2].Norm().ToScalar());
        Assert.Equal(double.PositiveInfinity, x.Norm().ToScalar());
        Assert.True(double.IsNaN(Tensor.FromArray([double.NaN, double.PositiveInfinity]).Norm().ToScalar()));
        Assert.Equal(Math.Sqrt(2) * 1e300, Tensor.FromArray([1e300, 1e300]).Norm().ToScalar(), 1e288);
    }

    [Fact]
    public void Std_has_a_zero_gradient_where_it_is_zero()
    {
        var x = Tensor.FromArray([2.0, 2.0, 2.0]).RequireGrad();
        x.Std().Backward();
        Assert.Equal([0.0, 0.0, 0.0], x.Grad!.AsSpan().ToArray());
        var y = Tensor.FromArray([1.0, 2.0, 4.0]).RequireGrad();
        y.Std().Backward();
        double mean = 7.0 / 3, std = Math.Sqrt(((1 - mean) * (1 - mean) + (2 - mean) * (2 - mean) + (4 - mean) * (4 - mean)) / 3);
        Assert.Equal((1 - mean) / (3 * std), y.Grad![0], 1e-14);
    }

    [Fact]
    public void Hessian_of_prod_is_right_and_symmetric_at_zeros()
    {
        var h = Derivatives.Hessian(v => v.Prod(), Tensor.FromArray([0.0, 2.0, 3.0]));
        double[,] expected = { { 0, 3, 2 }, { 3, 0, 0 }, { 2, 0, 0 } };
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(expected[i, j], h[i, j], 1e-14);
        var two = Derivatives.Hessian(v => v.Prod(), Tensor.FromArray([0.0, 0.0, 3.0, 5.0]));
        Assert.Equal(15.0, two[0, 1], 1e-14);
        Assert.Equal(15.0, two[1, 0], 1e-14);
        Assert.Equal(0.0, two[2, 3], 1e-14);
        var rows = Derivatives.Hessian(v => v.Reshape(2, 3).Prod(1).Sum(), Tensor.FromArray([0.0, 2.0, 3.0, 1.0, 0.0, 0.0]));
        Assert.Equal(3.0, rows[0, 1], 1e-14);
        Assert.Equal(1.0, rows[4, 5], 1e-14);
        Assert.Equal(0.0, rows[0, 4], 1e-14);
    }

    [Fact]
    public void Derivative_of_x_to_the_zero_is_zero_at_zero()
    {
        var x = Tensor.FromArray([0.0, -0.0, 2.0]).RequireGrad();
        x.Pow(0.0).Sum().Backward();
        Assert.Equal([0.0, 0.0, 0.0], x.Grad!.AsSpan().ToArray());
    }
}
