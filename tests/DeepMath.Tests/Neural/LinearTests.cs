using DeepMath.Autodiff;
using DeepMath.Calculus;
using DeepMath.Neural;
using DeepMath.Neural.Layers;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Neural;

public class LinearTests
{
    /// <summary>y[r, j] = b[j] + sum_k x[r, k] W[k, j], through the element indexer only.</summary>
    private static double[] Naive(Tensor<double> x2d, Tensor<double> w, Tensor<double>? b)
    {
        int rows = x2d.Shape[0], inputs = w.Shape[0], outputs = w.Shape[1];
        var y = new double[rows * outputs];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < outputs; j++)
            {
                double s = b is null ? 0 : b[j];
                for (int k = 0; k < inputs; k++) s += x2d[r, k] * w[k, j];
                y[r * outputs + j] = s;
            }
        return y;
    }

    [Fact]
    public void Forward_matches_the_naive_product()
    {
        var layer = new Linear<double>(5, 3, new RandomGenerator(1));
        var x = Tensor.Uniform<double>([4, 5], -2, 2, 2);
        var y = layer.Forward(x);
        Assert.Equal([4, 3], y.Shape.ToArray());
        Reference.AssertClose(Naive(x, layer.Weight, layer.Bias), y.ToArray(), 1e-14, 1e-14);
    }

    [Fact]
    public void Leading_axes_are_kept()
    {
        var layer = new Linear<double>(4, 2, new RandomGenerator(3), bias: false);
        var x = Tensor.Uniform<double>([2, 3, 4], -1, 1, 4);
        var y = layer.Forward(x);
        Assert.Equal([2, 3, 2], y.Shape.ToArray());
        Reference.AssertClose(Naive(x.Reshape(6, 4), layer.Weight, null), y.ToArray(), 1e-14, 1e-14);
    }

    [Fact]
    public void Float_forward()
    {
        var layer = new Linear<float>(3, 2, new RandomGenerator(5));
        var x = Tensor.Uniform<float>([2, 3], -1f, 1f, 6);
        var y = layer.Forward(x).ToArray();
        var w = layer.Weight;
        var b = layer.Bias!;
        for (int r = 0; r < 2; r++)
            for (int j = 0; j < 2; j++)
                Assert.Equal((double)b[j] + Enumerable.Range(0, 3).Sum(k => (double)x[r, k] * w[k, j]), y[r * 2 + j], 1e-6);
    }

    [Fact]
    public void Input_gradient_passes_GradCheck()
    {
        var layer = new Linear<double>(4, 3, new RandomGenerator(7));
        var result = GradCheck.Run(x => layer.Forward(x[0]).Tanh(), [Tensor.Uniform<double>([2, 4], -1, 1, 8)]);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Weight_and_bias_gradients_match_finite_differences()
    {
        var layer = new Linear<double>(3, 2, new RandomGenerator(9));
        var x = Tensor.Uniform<double>([4, 3], -1, 1, 10);
        var r = Tensor.Uniform<double>([4, 2], -1, 1, 11);
        double Loss()
        {
            using var _ = Autograd.NoGrad();
            return (layer.Forward(x).Tanh() * r).Sum().ToScalar();
        }
        (layer.Forward(x).Tanh() * r).Sum().Backward();
        foreach (var (p, g) in new[] { (layer.Weight, layer.Weight.Grad!), (layer.Bias!, layer.Bias!.Grad!) })
        {
            var analytic = g.ToArray();
            for (int i = 0; i < p.Length; i++)
            {
                double original = p.AsSpan()[i], h = 1e-5;
                p.AsSpan()[i] = original + h;
                double up = Loss();
                p.AsSpan()[i] = original - h;
                double down = Loss();
                p.AsSpan()[i] = original;
                Assert.Equal((up - down) / (2 * h), analytic[i], 1e-8);
            }
        }
    }

    [Fact]
    public void Gradients_by_the_documented_rules()
    {
        // dW = x^T dy, db = sum of dy over the batch (dy = 1 for a plain sum).
        var layer = new Linear<double>(2, 2, new RandomGenerator(12));
        var x = Tensor.FromArray(new[,] { { 1.0, 2 }, { 3.0, -1 } });
        layer.Forward(x).Sum().Backward();
        Assert.Equal([4.0, 4, 1, 1], layer.Weight.Grad!.ToArray());
        Assert.Equal([2.0, 2], layer.Bias!.Grad!.ToArray());
    }

    [Fact]
    public void Default_initialization_is_bounded_by_one_over_sqrt_fan_in()
    {
        var layer = new Linear<double>(64, 32, new RandomGenerator(13));
        double bound = 1 / Math.Sqrt(64);
        Assert.All(layer.Weight.ToArray(), v => Assert.InRange(Math.Abs(v), 0, bound));
        Assert.All(layer.Bias!.ToArray(), v => Assert.InRange(Math.Abs(v), 0, bound));
        Assert.True(layer.Weight.ToArray().Max(Math.Abs) > 0.9 * bound);
    }

    [Fact]
    public void Parameters_and_description()
    {
        var layer = new Linear<double>(3, 2, new RandomGenerator(1));
        Assert.Equal(["weight", "bias"], layer.NamedParameters().Select(p => p.Name));
        Assert.Equal([3, 2], layer.Weight.Shape.ToArray());
        Assert.True(layer.Weight.RequiresGrad);
        Assert.Equal(8, layer.ParameterCount);
        Assert.Equal("Linear(3 -> 2)", layer.Describe());
        var noBias = new Linear<double>(3, 2, new RandomGenerator(1), bias: false);
        Assert.Equal(["weight"], noBias.NamedParameters().Select(p => p.Name));
        Assert.Equal("Linear(3 -> 2, no bias)", noBias.Describe());
    }

    [Fact]
    public void Wrong_feature_count_names_the_shapes()
    {
        var layer = new Linear<double>(3, 2, new RandomGenerator(1));
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros<double>(4, 5)));
        Assert.Contains("(4, 5)", e.Message);
        Assert.Contains("(3, 2)", e.Message);
        Assert.ThrowsAny<ArgumentException>(() => new Linear<double>(0, 2, new RandomGenerator(1)));
    }
}
