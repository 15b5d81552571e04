using DeepMath.Optimization;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Optimization;

public class GradientClippingTests
{
    private static (Tensor<double> A, Tensor<double> B) WithGradients(double[] ga, double[] gb)
    {
        var a = Tensor.FromArray([0.0, 0]).RequireGrad();
        var b = Tensor.FromArray([0.0]).RequireGrad();
        a.Grad = Tensor.FromArray(ga);
        b.Grad = Tensor.FromArray(gb);
        return (a, b);
    }

    private static double Norm(params Tensor<double>[] ps) => Math.Sqrt(ps.Sum(p => p.Grad!.ToArray().Sum(g => g * g)));

    [Fact]
    public void Clipping_by_global_norm_rescales_to_the_maximum()
    {
        // Joint norm of (3, 4) and (12) is 13.
        var (a, b) = WithGradients([3, 4], [12]);
        Assert.Equal(13.0, GradientClipping.ClipByGlobalNorm([a, b], 6.5), 1e-15);
        Assert.Equal(6.5, Norm(a, b), 1e-6);
        // Direction is kept: every element scaled by the same factor, about 1/2.
        Assert.Equal([1.5, 2], a.Grad!.ToArray().Select(v => Math.Round(v, 6)));
        Assert.Equal(6.0, b.Grad!.ToArray()[0], 1e-6);
    }

    [Fact]
    public void Gradients_below_the_maximum_are_untouched()
    {
        var (a, b) = WithGradients([3, 4], [12]);
        Assert.Equal(13.0, GradientClipping.ClipByGlobalNorm([a, b], 13.5), 1e-15);
        Assert.Equal([3.0, 4], a.Grad!.ToArray());
        Assert.Equal([12.0], b.Grad!.ToArray());
    }

    [Fact]
    public void Parameters_without_gradients_are_skipped()
    {
        var (a, _) = WithGradients([3, 4], [0]);
        var none = Tensor.FromArray([1.0]).RequireGrad();
        Assert.Equal(5.0, GradientClipping.ClipByGlobalNorm([a, none], 1), 1e-15);
        Assert.Null(none.Grad);
        Assert.Equal(1.0, Norm(a), 1e-6);
    }

    [Fact]
    public void Non_finite_gradients_report_the_norm_and_change_nothing()
    {
        var (a, b) = WithGradients([double.PositiveInfinity, 1], [2]);
        Assert.Equal(double.PositiveInfinity, GradientClipping.ClipByGlobalNorm([a, b], 1));
        Assert.Equal([2.0], b.Grad!.ToArray());
        var (c, d) = WithGradients([double.NaN, 1], [2]);
        Assert.True(double.IsNaN(GradientClipping.ClipByGlobalNorm([c, d], 1)));
        Assert.Equal([2.0], d.Grad!.ToArray());
    }

    [Fact]
    public void Float_norms_are_accumulated_without_overflow()
    {
        // 3e20^2 + 4e20^2 overflows float but not double.
        var p = Tensor.FromArray([0f, 0f]).RequireGrad();
        p.Grad = Tensor.FromArray([3e20f, 4e20f]);
        Assert.Equal(5e20, GradientClipping.ClipByGlobalNorm([p], 1), 5e20 * 1e-6);
        var g = p.Grad!.ToArray();
        Assert.Equal(0.6f, g[0], 1e-5f);
        Assert.Equal(0.8f, g[1], 1e-5f);
    }

    [Fact]
    public void Clipping_by_value_clamps_each_element()
    {
        var (a, b) = WithGradients([-3, 0.5], [2]);
        GradientClipping.ClipByValue([a, b], 1);
        Assert.Equal([-1.0, 0.5], a.Grad!.ToArray());
        Assert.Equal([1.0], b.Grad!.ToArray());
    }

    [Fact]
    public void Limits_must_be_positive()
    {
        var (a, _) = WithGradients([1, 1], [1]);
        Assert.ThrowsAny<ArgumentException>(() => GradientClipping.ClipByGlobalNorm([a], 0));
        Assert.ThrowsAny<ArgumentException>(() => GradientClipping.ClipByGlobalNorm([a], double.NaN));
        Assert.ThrowsAny<ArgumentException>(() => GradientClipping.ClipByValue([a], -1));
    }
}
