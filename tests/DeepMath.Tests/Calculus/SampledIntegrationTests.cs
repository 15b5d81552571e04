using DeepMath.Calculus;
using Xunit;

namespace DeepMath.Tests.Calculus;

public class SampledIntegrationTests
{
    private static double[] Sample(Func<double, double> f, double a, double dx, int count)
    {
        var y = new double[count];
        for (var i = 0; i < count; i++)
        {
            y[i] = f(a + (i * dx));
        }

        return y;
    }

    [Fact]
    public void Trapezoid_UniformSamples_MatchesNumpyConvention()
    {
        Assert.Equal(4.0, Integrate.Trapezoid([1.0, 2.0, 3.0]), 15);
        Assert.Equal(2.0, Integrate.Trapezoid([1.0, 2.0, 3.0], 0.5), 15);
        Assert.Equal(0.0, Integrate.Trapezoid([5.0]));
        Assert.Equal(0.0, Integrate.Trapezoid([]));
    }

    [Fact]
    public void Trapezoid_NonUniformAbscissae_IsExactForLines()
    {
        double[] x = [0, 0.1, 0.5, 0.55, 2];
        var y = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = (3 * x[i]) - 1;
        }

        Assert.Equal(4.0, Integrate.Trapezoid(y, x), 14);
    }

    [Fact]
    public void Trapezoid_MismatchedLengths_NamesBoth()
    {
        var ex = Assert.Throws<ArgumentException>(() => Integrate.Trapezoid([1.0, 2.0, 3.0], [0.0, 1.0]));
        Assert.Contains("3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Simpson_EvenIntervals_ExactOnCubics()
    {
        Func<double, double> cubic = x => (x * x * x) - (2 * x) + 1;
        // ∫_0^2 = 4 - 4 + 2 = 2.
        Assert.Equal(2.0, Integrate.Simpson(Sample(cubic, 0, 0.25, 9), 0.25), 14);
    }

    [Fact]
    public void Simpson_OddIntervals_ExactOnQuadraticsAndAccurate()
    {
        Func<double, double> quadratic = x => (3 * x * x) + x;
        // ∫_0^1.5 = 3.375 + 1.125 = 4.5 with 3 intervals.
        Assert.Equal(4.5, Integrate.Simpson(Sample(quadratic, 0, 0.5, 4), 0.5), 14);
        var y = Sample(Math.Exp, 0, 1.0 / 101, 102);
        Assert.True(Math.Abs(Integrate.Simpson(y, 1.0 / 101) - (Math.E - 1)) < 1e-8);
    }

    [Fact]
    public void Simpson_ShortInputs()
    {
        Assert.Equal(0.0, Integrate.Simpson([2.0], 1));
        Assert.Equal(1.5, Integrate.Simpson([1.0, 2.0], 1), 15);
    }
}
