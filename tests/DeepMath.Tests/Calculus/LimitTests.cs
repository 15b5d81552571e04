using DeepMath.Calculus;
using Xunit;

namespace DeepMath.Tests.Calculus;

public class LimitTests
{
    private static void AssertFinite(LimitResult result, double expected, double tolerance)
    {
        Assert.Equal(LimitKind.Finite, result.Kind);
        Assert.True(result.Exists);
        Assert.True(Math.Abs(result.Value - expected) < tolerance, $"expected {expected:R}, got {result}");
    }

    [Fact]
    public void RemovableSingularities()
    {
        AssertFinite(Limit.At(x => Math.Sin(x) / x, 0), 1, 1e-9);
        AssertFinite(Limit.At(x => (Math.Exp(x) - 1) / x, 0), 1, 1e-8);
        AssertFinite(Limit.At(x => (1 - Math.Cos(x)) / (x * x), 0), 0.5, 1e-8);
        AssertFinite(Limit.At(x => ((x * x) - 4) / (x - 2), 2), 4, 1e-8);
    }

    [Fact]
    public void SinOverX_ReportsSmallError()
    {
        var result = Limit.At(x => Math.Sin(x) / x, 0);
        Assert.True(result.ErrorEstimate < 1e-9);
        Assert.Equal(1, result.Left, 9);
        Assert.Equal(1, result.Right, 9);
    }

    [Fact]
    public void XLogX_FromAbove_IsZero()
    {
        var result = Limit.At(x => x * Math.Log(x), 0, LimitDirection.FromAbove);
        Assert.Equal(LimitKind.Finite, result.Kind);
        Assert.True(Math.Abs(result.Value) < 1e-6, result.ToString());
        Assert.True(double.IsNaN(result.Left));
    }

    [Fact]
    public void DampedOscillation_ConvergesDespiteNoisyRatios()
    {
        AssertFinite(Limit.At(x => x * Math.Sin(1 / x), 0), 0, 1e-10);
        AssertFinite(Limit.AtInfinity(x => Math.Sin(x) / x), 0, 1e-10);
    }

    [Fact]
    public void XToTheX_FromAbove_IsOne()
    {
        AssertFinite(Limit.At(x => Math.Pow(x, x), 0, LimitDirection.FromAbove), 1, 1e-10);
    }

    [Fact]
    public void StepFunction()
    {
        AssertFinite(Limit.At(Math.Floor, 0.5), 0, 1e-15);
        var jump = Limit.At(Math.Floor, 1);
        Assert.Equal(LimitKind.DoesNotExist, jump.Kind);
        Assert.Equal(0, jump.Left);
        Assert.Equal(1, jump.Right);
    }

    [Fact]
    public void CubeRoot_SlowConvergence_HandledByWynn()
    {
        AssertFinite(Limit.At(Math.Cbrt, 0, LimitDirection.FromAbove), 0, 1e-6);
    }

    [Fact]
    public void JumpDiscontinuity_DoesNotExist_WithOneSidedValues()
    {
        var result = Limit.At(x => Math.Abs(x) / x, 0);
        Assert.Equal(LimitKind.DoesNotExist, result.Kind);
        Assert.False(result.Exists);
        Assert.True(double.IsNaN(result.Value));
        Assert.Equal(-1, result.Left, 12);
        Assert.Equal(1, result.Right, 12);
        Assert.Equal(1, Limit.At(x => Math.Abs(x) / x, 0, LimitDirection.FromAbove).Value, 12);
        Assert.Equal(-1, Limit.At(x => Math.Abs(x) / x, 0, LimitDirection.FromBelow).Value, 12);
    }

    [Fact]
    public void Poles()
    {
        var square = Limit.At(x => 1 / (x * x), 0);
        Assert.Equal(LimitKind.PositiveInfinity, square.Kind);
        Assert.Equal(double.PositiveInfinity, square.Value);
        Assert.True(square.Exists);

        var inverse = Limit.At(x => 1 / x, 0);
        Assert.Equal(LimitKind.DoesNotExist, inverse.Kind);
        Assert.Equal(double.NegativeInfinity, inverse.Left);
        Assert.Equal(double.PositiveInfinity, inverse.Right);

        Assert.Equal(LimitKind.NegativeInfinity, Limit.At(Math.Log, 0, LimitDirection.FromAbove).Kind);
        Assert.Equal(LimitKind.PositiveInfinity, Limit.At(x => Math.Exp(1 / x), 0, LimitDirection.FromAbove).Kind);
        var expBelow = Limit.At(x => Math.Exp(1 / x), 0, LimitDirection.FromBelow);
        Assert.Equal(LimitKind.Finite, expBelow.Kind);
        Assert.True(Math.Abs(expBelow.Value) < 1e-8);
    }

    [Fact]
    public void Oscillation_DoesNotExist()
    {
        Assert.Equal(LimitKind.DoesNotExist, Limit.At(x => Math.Sin(1 / x), 0).Kind);
        Assert.Equal(LimitKind.DoesNotExist, Limit.At(x => Math.Sin(1 / x), 0, LimitDirection.FromAbove).Kind);
        Assert.Equal(LimitKind.DoesNotExist, Limit.AtInfinity(Math.Sin).Kind);
    }

    [Fact]
    public void AtInfinity()
    {
        AssertFinite(Limit.AtInfinity(n => Math.Pow(1 + (1 / n), n)), Math.E, 1e-7);
        AssertFinite(Limit.AtInfinity(Math.Atan), Math.PI / 2, 1e-9);
        AssertFinite(Limit.AtInfinity(Math.Atan, positive: false), -Math.PI / 2, 1e-9);
        AssertFinite(Limit.AtInfinity(x => ((2 * x) + 1) / (x - 3)), 2, 1e-8);
        AssertFinite(Limit.AtInfinity(x => Math.Sqrt((x * x) + x) - x), 0.5, 1e-9);
        Assert.Equal(LimitKind.PositiveInfinity, Limit.AtInfinity(x => x * x).Kind);
        Assert.Equal(LimitKind.NegativeInfinity, Limit.AtInfinity(x => x * x * x, positive: false).Kind);
        Assert.Equal(LimitKind.PositiveInfinity, Limit.AtInfinity(Math.Exp).Kind);
        Assert.Equal(LimitKind.PositiveInfinity, Limit.AtInfinity(Math.Log).Kind);
    }

    [Fact]
    public void BadArguments()
    {
        Assert.Throws<ArgumentException>(() => Limit.At(Math.Sin, double.NaN));
        Assert.Throws<ArgumentException>(() => Limit.At(Math.Sin, double.PositiveInfinity));
        var tolerance = Assert.Throws<ArgumentException>(() => Limit.At(Math.Sin, 0, tolerance: 0));
        Assert.Equal("tolerance", tolerance.ParamName);
        Assert.Throws<ArgumentException>(() => Limit.At(Math.Sin, 0, (LimitDirection)7));
        Assert.Throws<ArgumentNullException>(() => Limit.AtInfinity(null!));
    }
}

/// <summary>Issue 18, item 8: "not converged to the tolerance" is a different answer from "does not exist".</summary>
public class LimitNotConvergedTests
{
    [Fact]
    public void A_limit_beyond_double_precision_is_not_converged_with_its_best_estimate()
    {
        var result = Limit.At(x => (Math.Tan(x) - x) / (x * x * x), 0, tolerance: 1e-10);
        Assert.NotEqual(LimitKind.DoesNotExist, result.Kind);
        Assert.Equal(1.0 / 3, result.Value, 1e-6);
        if (result.Kind == LimitKind.NotConverged)
        {
            Assert.False(result.Exists);
            Assert.True(result.ErrorEstimate > 1e-10 / 3, "not converged means the error exceeds the tolerance");
        }
        var oscillating = Limit.At(x => Math.Sin(1 / x), 0);
        Assert.Equal(LimitKind.DoesNotExist, oscillating.Kind);
        Assert.True(double.IsNaN(oscillating.Value));
    }
}

public class LimitAtInfinitySamplingTests
{
    [Fact]
    public void A_settled_limit_stops_sampling_long_before_the_cap()
    {
        // (1 + 1/x)^x -> e: sampling far out costs nothing here, but a user's f may be a partial sum of x terms.
        double largest = 0;
        var result = Limit.AtInfinity(x => { largest = Math.Max(largest, x); return Math.Pow(1 + 1 / x, x); });
        Assert.Equal(LimitKind.Finite, result.Kind);
        Assert.Equal(Math.E, result.Value, 7);
        Assert.True(largest < 1e7, $"sampled up to x = {largest:E2}");
    }

    [Fact]
    public void A_divergent_function_is_still_sampled_to_the_cap_and_called_divergent()
    {
        double largest = 0;
        var result = Limit.AtInfinity(x => { largest = Math.Max(largest, x); return Math.Sqrt(x); });
        Assert.NotEqual(LimitKind.Finite, result.Kind);
        Assert.True(largest <= 10 * Math.Pow(2, 39));
    }
}
