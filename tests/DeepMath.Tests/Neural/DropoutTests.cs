using DeepMath.Autodiff;
using DeepMath.Neural.Layers;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Neural;

public class DropoutTests
{
    private static Tensor<double> Input(int n) => Tensor.Arange(1.0, n + 1.0, 1.0);

    [Fact]
    public void Evaluation_mode_is_the_identity()
    {
        var d = new Dropout<double>(0.5, new RandomGenerator(1));
        d.Eval();
        var x = Input(100);
        Assert.Equal(x.ToArray(), d.Forward(x).ToArray());
        Assert.Equal(x.ToArray(), new Dropout<double>(0, new RandomGenerator(1)).Forward(x).ToArray());
    }

    [Fact]
    public void Training_mode_zeroes_or_scales_by_one_over_keep_probability()
    {
        var d = new Dropout<double>(0.25, new RandomGenerator(2));
        var x = Input(1000);
        var y = d.Forward(x).ToArray();
        var xs = x.ToArray();
        // Each output is 0 or x / 0.75.
        for (int i = 0; i < y.Length; i++)
            Assert.True(y[i] == 0 || Math.Abs(y[i] - xs[i] / 0.75) <= 1e-12 * xs[i], $"element {i}: {y[i]} from {xs[i]}");
        Assert.Contains(y, v => v == 0);
        var f = new Dropout<float>(0.25, new RandomGenerator(2)).Forward(Tensor.Ones<float>(64)).ToArray();
        Assert.All(f, v => Assert.True(v == 0f || v == 1f / 0.75f, v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Seeded_masks_are_reproducible_and_advance()
    {
        var x = Tensor.Ones<double>(256);
        var a = new Dropout<double>(0.5, new RandomGenerator(42));
        var b = new Dropout<double>(0.5, new RandomGenerator(42));
        var first = a.Forward(x).ToArray();
        Assert.Equal(first, b.Forward(x).ToArray());
        Assert.NotEqual(first, a.Forward(x).ToArray());
        Assert.NotEqual(first, new Dropout<double>(0.5, new RandomGenerator(43)).Forward(x).ToArray());
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Fraction_dropped_is_near_p(double p)
    {
        const int n = 200_000;
        var y = new Dropout<float>(p, new RandomGenerator(7)).Forward(Tensor.Ones<float>(n)).ToArray();
        double dropped = y.Count(v => v == 0) / (double)n;
        // Five binomial standard deviations.
        Assert.InRange(dropped, p - 5 * Math.Sqrt(p * (1 - p) / n), p + 5 * Math.Sqrt(p * (1 - p) / n));
        // Inverted dropout keeps the mean.
        Assert.InRange(y.Average(v => (double)v), 0.97, 1.03);
    }

    [Fact]
    public void Gradient_is_the_same_mask()
    {
        var x = Tensor.Ones<double>(50).RequireGrad();
        var y = new Dropout<double>(0.4, new RandomGenerator(3)).Forward(x);
        y.Sum().Backward();
        Assert.Equal(y.ToArray(), x.Grad!.ToArray());
    }

    [Fact]
    public void Probability_must_be_in_zero_to_one()
    {
        Assert.ThrowsAny<ArgumentException>(() => new Dropout<double>(1, new RandomGenerator(1)));
        Assert.ThrowsAny<ArgumentException>(() => new Dropout<double>(-0.1, new RandomGenerator(1)));
        Assert.ThrowsAny<ArgumentException>(() => new Dropout<double>(double.NaN, new RandomGenerator(1)));
        Assert.Throws<ArgumentNullException>(() => new Dropout<double>(0.5, null!));
    }
}
