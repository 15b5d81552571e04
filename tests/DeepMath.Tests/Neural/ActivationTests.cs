using DeepMath.Autodiff;
using DeepMath.Neural.Layers;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using MathNet.Numerics;
using Xunit;

namespace DeepMath.Tests.Neural;

/// <summary>Activation modules against scalar formulas.</summary>
public class ActivationTests
{
    private static readonly double[] Grid = [.. Enumerable.Range(-24, 49).Select(i => i * 0.25), -40, 40];

    private static void Elementwise(DeepMath.Neural.Module<double> module, Func<double, double> f, double tol = 1e-15)
        => Reference.AssertClose(Grid.Select(f).ToArray(), module.Forward(Tensor.FromArray(Grid)).ToArray(), tol, tol, module.Describe());

    [Fact]
    public void Relu() => Elementwise(new Relu<double>(), x => x > 0 ? x : 0);

    [Fact]
    public void Leaky_relu() => Elementwise(new LeakyRelu<double>(0.2), x => x > 0 ? x : 0.2 * x);

    [Fact]
    public void Leaky_relu_with_a_slope_above_one_follows_the_documented_formula()
    {
        // Documented as "x for x > 0, slope x otherwise" (torch allows any negative_slope); max(x, slope x) differs when slope > 1.
        Elementwise(new LeakyRelu<double>(1.5), x => x > 0 ? x : 1.5 * x);
    }

    [Fact]
    public void Sigmoid() => Elementwise(new Sigmoid<double>(), x => 1 / (1 + Math.Exp(-x)), 1e-14);

    [Fact]
    public void Tanh() => Elementwise(new Tanh<double>(), Math.Tanh, 1e-14);

    [Fact]
    public void Gelu_erf_form()
    {
        Elementwise(new Gelu<double>(), x => x * 0.5 * (1 + SpecialFunctions.Erf(x / Math.Sqrt(2))), 1e-13);
        // x Phi(x) with Phi(1) = 0.8413447460685429, Phi(2) = 0.9772498680518208.
        var y = new Gelu<double>().Forward(Tensor.FromArray([1.0, -1, 2])).ToArray();
        Assert.Equal(0.8413447460685429, y[0], 1e-15);
        Assert.Equal(-(1 - 0.8413447460685429), y[1], 1e-15);
        Assert.Equal(2 * 0.9772498680518208, y[2], 1e-15);
        var f = new Gelu<float>().Forward(Tensor.FromArray([1f, -3f])).ToArray();
        Assert.Equal(0.8413447460685429, f[0], 1e-6);
        Assert.Equal(-3 * 0.0013498980316301, f[1], 1e-6);
    }

    [Fact]
    public void Gelu_gradient_is_phi_plus_x_density()
    {
        var x = Tensor.FromArray(Grid).RequireGrad();
        new Gelu<double>().Forward(x).Sum().Backward();
        var expected = Grid.Select(v => 0.5 * (1 + SpecialFunctions.Erf(v / Math.Sqrt(2))) + v * Math.Exp(-v * v / 2) / Math.Sqrt(2 * Math.PI)).ToArray();
        Reference.AssertClose(expected, x.Grad!.ToArray(), 1e-13, 1e-13);
    }

    [Fact]
    public void Softmax_and_log_softmax_along_the_last_axis()
    {
        var x = Tensor.FromArray(new[,] { { 1.0, 2, 3 }, { 1000.0, 0, -1000 } });
        var s = new Softmax<double>().Forward(x).ToArray();
        var l = new LogSoftmax<double>().Forward(x).ToArray();
        double z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Reference.AssertClose([Math.Exp(1) / z, Math.Exp(2) / z, Math.Exp(3) / z, 1, 0, 0], s, 1e-15, 1e-15);
        Reference.AssertClose([1 - Math.Log(z), 2 - Math.Log(z), 3 - Math.Log(z), 0, -1000, -2000], l, 1e-15, 1e-13);
        var columns = new Softmax<double>(axis: 0).Forward(Tensor.FromArray(new[,] { { 0.0, 5 }, { 0.0, 5 } })).ToArray();
        Assert.Equal([0.5, 0.5, 0.5, 0.5], columns);
    }

    [Fact]
    public void Flatten_keeps_the_batch_axis()
    {
        var x = Tensor.Arange(24.0).Reshape(2, 3, 4);
        var y = new Flatten<double>().Forward(x);
        Assert.Equal([2, 12], y.Shape.ToArray());
        Assert.Equal(x.ToArray(), y.ToArray());
        Assert.Equal([24], new Flatten<double>(0).Forward(x).Shape.ToArray());
    }
}
