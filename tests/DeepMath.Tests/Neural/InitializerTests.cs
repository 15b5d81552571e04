using DeepMath.Neural;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Neural;

public class InitializerTests
{
    private const int FanIn = 200, FanOut = 300;

    private static double[] Sample(WeightInit scheme, ulong seed = 1)
        => Initializers.Create<double>(scheme, [FanIn, FanOut], FanIn, FanOut, new RandomGenerator(seed), Initializers.NeedsScale(scheme) ? 0.1 : 0).ToArray();

    private static (double Mean, double Variance) Moments(double[] v)
    {
        double mean = v.Average();
        return (mean, v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }

    [Theory]
    [InlineData(WeightInit.Default, 1.0 / 200)] // a = 1/sqrt(fan_in)
    [InlineData(WeightInit.GlorotUniform, 6.0 / 500)] // a^2 = 6 / (fan_in + fan_out)
    [InlineData(WeightInit.HeUniform, 6.0 / 200)] // a^2 = 6 / fan_in
    public void Uniform_schemes_respect_the_bound_and_variance(WeightInit scheme, double boundSquared)
    {
        double bound = Math.Sqrt(boundSquared);
        var v = Sample(scheme);
        Assert.All(v, x => Assert.True(Math.Abs(x) <= bound, $"{x} outside +-{bound}"));
        Assert.True(v.Max() > 0.99 * bound && v.Min() < -0.99 * bound);
        var (mean, variance) = Moments(v);
        Assert.InRange(mean, -5 * bound / Math.Sqrt(3 * v.Length), 5 * bound / Math.Sqrt(3 * v.Length));
        Assert.InRange(variance / (boundSquared / 3), 0.97, 1.03);
    }

    [Fact]
    public void Explicitly_scaled_schemes_use_the_given_scale_and_require_one()
    {
        var uniform = Initializers.Create<double>(WeightInit.Uniform, [FanIn, FanOut], FanIn, FanOut, new RandomGenerator(4), 0.5).ToArray();
        Assert.All(uniform, x => Assert.InRange(x, -0.5, 0.5));
        Assert.InRange(Moments(uniform).Variance / (0.25 / 3), 0.97, 1.03);
        var normal = Initializers.Create<double>(WeightInit.Normal, [FanIn, FanOut], FanIn, FanOut, new RandomGenerator(4), 0.01).ToArray();
        Assert.InRange(Moments(normal).Variance / 1e-4, 0.97, 1.03);
        Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.Create<double>(WeightInit.Uniform, [2, 2], 2, 2, new RandomGenerator(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.Create<double>(WeightInit.Normal, [2, 2], 2, 2, new RandomGenerator(1), double.PositiveInfinity));
    }

    [Theory]
    [InlineData(WeightInit.GlorotNormal, 2.0 / 500)]
    [InlineData(WeightInit.HeNormal, 2.0 / 200)]
    public void Normal_schemes_have_the_theoretical_variance(WeightInit scheme, double expectedVariance)
    {
        var v = Sample(scheme);
        var (mean, variance) = Moments(v);
        double sd = Math.Sqrt(expectedVariance);
        Assert.InRange(mean, -5 * sd / Math.Sqrt(v.Length), 5 * sd / Math.Sqrt(v.Length));
        // Relative standard error of a normal sample variance is sqrt(2 / n), about 0.6% here.
        Assert.InRange(variance / expectedVariance, 0.97, 1.03);
        // About 68.3% within one standard deviation.
        Assert.InRange(v.Count(x => Math.Abs(x) < sd) / (double)v.Length, 0.673, 0.693);
    }

    [Fact]
    public void Float_schemes_have_the_same_spread()
    {
        var v = Initializers.Create<float>(WeightInit.HeNormal, [FanIn, FanOut], FanIn, FanOut, new RandomGenerator(3)).ToArray().Select(x => (double)x).ToArray();
        Assert.InRange(Moments(v).Variance / (2.0 / FanIn), 0.97, 1.03);
    }

    [Fact]
    public void Seeds_reproduce_and_differ()
    {
        foreach (var scheme in Enum.GetValues<WeightInit>())
        {
            Assert.Equal(Sample(scheme, 5), Sample(scheme, 5));
            Assert.NotEqual(Sample(scheme, 5), Sample(scheme, 6));
        }
    }

    [Fact]
    public void Fans_must_be_positive()
    {
        var e = Assert.Throws<ArgumentException>(() => Initializers.Create<double>(WeightInit.HeNormal, [2, 2], 0, 2, new RandomGenerator(1)));
        Assert.Contains("0", e.Message);
        Assert.ThrowsAny<ArgumentException>(() => Initializers.Create<double>(WeightInit.GlorotUniform, [2, 2], 2, -1, new RandomGenerator(1)));
        Assert.Throws<ArgumentNullException>(() => Initializers.Create<double>(WeightInit.Default, [2, 2], 2, 2, null!));
    }
}
