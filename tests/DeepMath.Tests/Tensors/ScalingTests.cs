using DeepMath.Autodiff;
using DeepMath.LinearAlgebra;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Tensors;

/// <summary>Statistics and determinants of representable values are representable (issue 18, item 11).</summary>
public class ScalingTests
{
    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e300)]
    [InlineData(3e-320)]
    [InlineData(1e-160)]
    [InlineData(1e150)]
    [InlineData(1.0)]
    public void Variance_and_std_scale_before_squaring(double magnitude)
    {
        var x = Tensor.FromArray([1.0, 2, 4, 7]) * magnitude;
        double mean = 3.5, variance = (6.25 + 2.25 + 0.25 + 12.25) / 3;
        double tolerance = magnitude < 1e-310 ? 1e-3 : 4e-15; // subnormal inputs and results carry about 13 bits (a plain sum of squares gives 0)
        Assert.Equal(1.0, x.Std(ddof: 1).ToScalar() / magnitude / Math.Sqrt(variance), tolerance);
        Assert.Equal(1.0, x.Mean().ToScalar() / magnitude / mean, tolerance);
        // The variance itself where it is representable (and a naive sum of squares would be subnormal or near overflow).
        if (magnitude is > 1e-155 and < 1e153) Assert.Equal(1.0, x.Var(ddof: 1).ToScalar() / magnitude / magnitude / variance, tolerance);
    }

    [Fact]
    public void Std_of_a_spread_whose_variance_overflows_is_finite()
    {
        var x = Tensor.FromArray([-1e200, 1e200]);
        Assert.Equal(double.PositiveInfinity, x.Var().ToScalar());
        Assert.Equal(1e200, x.Std().ToScalar(), 1e185);
        Assert.Equal(1.5e308, Tensor.FromArray([1.5e308, 1.5e308]).Mean().ToScalar());
        Assert.Equal(0.0, Tensor.FromArray([1.5e308, 1.5e308]).Var().ToScalar());
        Assert.True(double.IsNaN(Tensor.FromArray([double.PositiveInfinity, 1.0]).Var().ToScalar()));
    }

    [Fact]
    public void Ordinary_data_get_the_same_bits_as_the_plain_two_pass_formula()
    {
        var x = Tensor.Normal<double>([1000], 3, 2, 5);
        var values = x.ToArray();
        double mean = x.Mean().ToScalar();
        var deviations = x - mean;
        double plain = (deviations * deviations).Sum().ToScalar() / 999;
        Assert.Equal(plain, x.Var(ddof: 1).ToScalar());
        Assert.Equal(1000, values.Length);
    }

    [Fact]
    public void Scaled_variance_keeps_its_gradient()
    {
        var x = (Tensor.FromArray([1.0, 2, 4]) * 1e150).RequireGrad();
        x.Var().Backward();
        // d var / dx_i = 2 (x_i - mean) / n.
        double mean = 7e150 / 3;
        for (int i = 0; i < 3; i++) Assert.Equal(2 * (x[i] - mean) / 3 * 1e-150, x.Grad![i] * 1e-150, 1e-14);
    }

    [Fact]
    public void The_determinant_neither_overflows_nor_underflows_when_its_value_is_representable()
    {
        var d = Tensor.FromArray([1e300, 0, 0, 0, 0, 1e300, 0, 0, 0, 0, 1e-300, 0, 0, 0, 0, 1e-300], 4, 4);
        Assert.Equal(1.0, Linalg.Det(d).ToScalar(), 1e-15);
        var (sign, logAbs) = Linalg.SlogDet(d * 1e5);
        Assert.Equal(1.0, sign.ToScalar());
        Assert.Equal(20 * Math.Log(10), logAbs.ToScalar(), 1e-12);
        Assert.Equal(-6.0, Linalg.Det(Tensor.FromArray([0.0, 2, 0, 3, 0, 0, 0, 0, 1], 3, 3)).ToScalar(), 1e-15);
    }
}

public class VarianceGradientTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(1e300)]
    [InlineData(1e200)]
    [InlineData(1e-300)]
    public void The_variance_gradient_is_two_deviations_over_n_even_where_the_variance_overflows_or_underflows(double scale)
    {
        // x = scale * [1, -1, 3]: mean scale, deviations [0, -2, 2] scale; d var / dx = 2 dev / n (ddof 0), 2 dev / (n - 1) (ddof 1).
        foreach (int ddof in new[] { 0, 1 })
        {
            var x = Tensor.FromArray(new[] { scale, -scale, 3 * scale }).RequireGrad();
            x.Var(ddof: ddof).Backward();
            var g = x.Grad!.ToArray();
            double factor = 2.0 / (3 - ddof);
            Assert.Equal(0, g[0]);
            Assert.Equal(-2 * scale * factor, g[1], Math.Abs(2 * scale * factor) * 1e-15);
            Assert.Equal(2 * scale * factor, g[2], Math.Abs(2 * scale * factor) * 1e-15);
        }
    }

    [Fact]
    public void The_variance_gradient_over_an_axis_with_keep_dims_broadcasts_the_incoming_gradient()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2, 4, 10, 20, 40 }, 2, 3).RequireGrad();
        (x.Var(1, keepDims: true) * Tensor.FromArray(new[] { 1.0, 10 }, 2, 1)).Sum().Backward();
        var g = x.Grad!.ToArray();
        // Row 0: mean 7/3, dev [-4/3, -1/3, 5/3], 2 dev / 3 times 1; row 1 ten times larger data, times 10.
        double[] expected = [-8.0 / 9, -2.0 / 9, 10.0 / 9, -800.0 / 9, -200.0 / 9, 1000.0 / 9];
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], g[i], 1e-12);
    }
}
