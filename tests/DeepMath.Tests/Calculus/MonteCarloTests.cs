using DeepMath.Calculus;
using Xunit;

namespace DeepMath.Tests.Calculus;

public class MonteCarloTests
{
    private static double Disk(double[] p) => (p[0] * p[0]) + (p[1] * p[1]) <= 1 ? 1 : 0;

    [Fact]
    public void UnitDiskArea_IsPiWithinFourStandardErrors()
    {
        var result = Integrate.MonteCarlo(Disk, [-1.0, -1.0], [1.0, 1.0], 100_000, seed: 42);
        Assert.Equal(100_000, result.Samples);
        Assert.True(result.StandardError > 0 && result.StandardError < 0.01);
        Assert.True(Math.Abs(result.Value - Math.PI) < 4 * result.StandardError, $"{result.Value} ± {result.StandardError}");
    }

    [Fact]
    public void SameSeed_SameResult_DifferentSeed_DifferentResult()
    {
        var first = Integrate.MonteCarlo(Disk, [-1.0, -1.0], [1.0, 1.0], 2_000, seed: 7);
        var second = Integrate.MonteCarlo(Disk, [-1.0, -1.0], [1.0, 1.0], 2_000, seed: 7);
        var other = Integrate.MonteCarlo(Disk, [-1.0, -1.0], [1.0, 1.0], 2_000, seed: 8);
        Assert.Equal(first, second);
        Assert.NotEqual(first.Value, other.Value);
    }

    [Fact]
    public void ConstantIntegrand_GivesVolumeWithZeroError()
    {
        var result = Integrate.MonteCarlo(_ => 2, [0.0, 1.0, -1.0], [2.0, 4.0, 1.0], 100);
        Assert.Equal(24.0, result.Value, 12);
        Assert.Equal(0.0, result.StandardError, 12);
    }

    [Fact]
    public void BadBoxes_AreRejected()
    {
        var lengths = Assert.Throws<ArgumentException>(() => Integrate.MonteCarlo(Disk, [0.0], [1.0, 1.0], 10));
        Assert.Contains("1", lengths.Message, StringComparison.Ordinal);
        Assert.Contains("2", lengths.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Integrate.MonteCarlo(Disk, [0.0, 1.0], [1.0, 1.0], 10));
        Assert.Throws<ArgumentException>(() => Integrate.MonteCarlo(Disk, [0.0, double.NaN], [1.0, 1.0], 10));
        Assert.Throws<ArgumentException>(() => Integrate.MonteCarlo(Disk, [0.0, 0.0], [1.0, 1.0], 1));
    }
}
