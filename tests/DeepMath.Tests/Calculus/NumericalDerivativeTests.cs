using DeepMath.Calculus;
using Xunit;

namespace DeepMath.Tests.Calculus;

public class NumericalDerivativeTests
{
    private static double RelativeError(double expected, double actual) => Math.Abs(actual - expected) / Math.Abs(expected);

    [Fact]
    public void ExpAtOne_To1e12Relative()
    {
        var result = NumericalDerivative.Derivative(Math.Exp, 1);
        Assert.True(RelativeError(Math.E, result.Value) < 1e-12, result.ToString());
        Assert.True(result.ErrorEstimate < 1e-10);
    }

    [Fact]
    public void SinAtHalf()
    {
        var result = NumericalDerivative.Derivative(Math.Sin, 0.5);
        Assert.True(RelativeError(Math.Cos(0.5), result.Value) < 1e-12, result.ToString());
    }

    [Fact]
    public void CubeRootNearItsSingularity()
    {
        const double x = 1e-2;
        var expected = 1 / (3 * Math.Pow(Math.Cbrt(x), 2));
        var result = NumericalDerivative.Derivative(Math.Cbrt, x);
        Assert.True(RelativeError(expected, result.Value) < 1e-8, result.ToString());
        Assert.True(result.ErrorEstimate < 1e-6 * expected);
    }

    [Fact]
    public void OutOfDomainInitialStep_IsShrunk()
    {
        // Math.Pow is NaN for negative bases, so the automatic step 0.1 must shrink below x = 1e-2.
        const double x = 1e-2;
        var expected = 1 / (3 * Math.Pow(x, 2.0 / 3));
        var result = NumericalDerivative.Derivative(t => Math.Pow(t, 1.0 / 3), x);
        Assert.True(RelativeError(expected, result.Value) < 1e-6, result.ToString());
    }

    [Fact]
    public void Ridders_BeatsNaiveForwardDifference()
    {
        // exp at 20 with forward difference h = 1e-8: cancellation in e^20 (1 + h) - e^20 costs half the digits.
        const double x = 20;
        const double h = 1e-8;
        var exact = Math.Exp(x);
        var naive = (Math.Exp(x + h) - Math.Exp(x)) / h;
        Assert.True(RelativeError(exact, naive) > 1e-8);
        Assert.True(RelativeError(exact, NumericalDerivative.Derivative(Math.Exp, x).Value) < 1e-12);

        // (1 - cos t)/t^2 at t = 1e-3: the function itself cancels, so a forward difference with h = 1e-8
        // keeps no digit of the derivative -t/12 + t^3/180 - t^5/6720; Ridders' larger steps keep most of
        // them, and on the stable rewrite 2 (sin(t/2)/t)^2 it gets more than ten.
        const double t0 = 1e-3;
        var exactSlope = (-t0 / 12) + (Math.Pow(t0, 3) / 180) - (Math.Pow(t0, 5) / 6720);
        Func<double, double> cancelling = t => (1 - Math.Cos(t)) / (t * t);
        Func<double, double> stable = t => 2 * Math.Pow(Math.Sin(t / 2) / t, 2);
        var naiveCancelling = (cancelling(t0 + h) - cancelling(t0)) / h;
        Assert.True(RelativeError(exactSlope, naiveCancelling) > 1);
        Assert.True(RelativeError(exactSlope, NumericalDerivative.Derivative(cancelling, t0).Value) < 1e-7);
        Assert.True(RelativeError(exactSlope, NumericalDerivative.Derivative(stable, t0).Value) < 1e-10);
    }

    [Fact]
    public void CentralDifference_HasAboutTwoThirdsOfTheDigits()
    {
        var estimate = NumericalDerivative.CentralDifference(Math.Exp, 1);
        Assert.True(RelativeError(Math.E, estimate) < 1e-9);
        Assert.True(RelativeError(Math.E, estimate) > 1e-14);
    }

    [Fact]
    public void SecondDerivative()
    {
        var result = NumericalDerivative.SecondDerivative(Math.Sin, 0.7);
        Assert.True(RelativeError(-Math.Sin(0.7), result.Value) < 1e-9, result.ToString());
        Assert.True(RelativeError(2.0, NumericalDerivative.SecondDerivative(x => x * x, 123.0).Value) < 1e-9);
    }

    [Fact]
    public void Gradient_DoesNotMutateInput()
    {
        double[] x = [1.0, -2.0, 0.5];
        var (values, errors) = NumericalDerivative.Gradient(p => (p[0] * p[0] * p[1]) + Math.Sin(p[2]), x);
        Assert.Equal([1.0, -2.0, 0.5], x);
        Assert.True(Math.Abs(values[0] - (2 * 1.0 * -2.0)) < 1e-10);
        Assert.True(Math.Abs(values[1] - 1.0) < 1e-10);
        Assert.True(Math.Abs(values[2] - Math.Cos(0.5)) < 1e-10);
        Assert.All(errors, e => Assert.True(e < 1e-8));
    }

    [Fact]
    public void Jacobian_OfPolarToCartesian()
    {
        double[] x = [2.0, 0.3];
        var (values, errors) = NumericalDerivative.Jacobian(p => [p[0] * Math.Cos(p[1]), p[0] * Math.Sin(p[1]), p[0]], x);
        Assert.Equal(3, values.GetLength(0));
        Assert.Equal(2, values.GetLength(1));
        double[,] expected = { { Math.Cos(0.3), -2 * Math.Sin(0.3) }, { Math.Sin(0.3), 2 * Math.Cos(0.3) }, { 1, 0 } };
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                Assert.True(Math.Abs(values[i, j] - expected[i, j]) < 1e-10, $"J[{i},{j}] = {values[i, j]}");
                Assert.True(errors[i, j] < 1e-8);
            }
        }

        Assert.Equal([2.0, 0.3], x);
    }

    [Fact]
    public void Hessian_OfRosenbrock()
    {
        // f = (1 - x)^2 + 100 (y - x^2)^2: f_xx = 2 - 400 (y - 3x^2), f_xy = -400 x, f_yy = 200.
        double[] point = [1.5, -0.5];
        var (values, _) = NumericalDerivative.Hessian(
            p => Math.Pow(1 - p[0], 2) + (100 * Math.Pow(p[1] - (p[0] * p[0]), 2)), point);
        var (x, y) = (1.5, -0.5);
        double[,] expected = { { 2 - (400 * (y - (3 * x * x))), -400 * x }, { -400 * x, 200 } };
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                Assert.True(RelativeError(expected[i, j], values[i, j]) < 1e-6, $"H[{i},{j}] = {values[i, j]}, expected {expected[i, j]}");
            }
        }

        Assert.Equal(values[0, 1], values[1, 0]);
        Assert.Equal([1.5, -0.5], point);
    }

    [Fact]
    public void BadArguments()
    {
        Assert.Throws<ArgumentException>(() => NumericalDerivative.Derivative(Math.Exp, double.NaN));
        var step = Assert.Throws<ArgumentException>(() => NumericalDerivative.Derivative(Math.Exp, 1, -0.5));
        Assert.Contains("-0.5", step.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NumericalDerivative.Gradient(p => p[0], []));
        Assert.Throws<ArgumentException>(() => NumericalDerivative.Hessian(p => p[0], [double.PositiveInfinity]));
        Assert.Throws<ArgumentNullException>(() => NumericalDerivative.Gradient(null!, [1.0]));
    }

    [Fact]
    public void NoFiniteQuotient_GivesNaNWithInfiniteError()
    {
        var result = NumericalDerivative.Derivative(_ => double.NaN, 1);
        Assert.True(double.IsNaN(result.Value));
        Assert.Equal(double.PositiveInfinity, result.ErrorEstimate);
    }
}

/// <summary>Issue 18, items 1-3: the error estimate bounds the true error (or the routine says it found no stable step).</summary>
public class HonestDerivativeTests
{
    public static TheoryData<string, double, double, int> Cases() => new()
    {
        // name, x, exact derivative, order
        { "sin", 1e8, Math.Cos(1e8), 1 },
        { "sin", 1e8, -Math.Sin(1e8), 2 },
        { "sin(exp)", 10, Math.Cos(Math.Exp(10)) * Math.Exp(10), 1 },
        { "cos-1+x2/2", 1e-3, -Math.Sin(1e-3) + 1e-3, 1 },
        { "cube", 1e-8, 3e-16, 1 },
        { "exp", 1, Math.E, 1 },
        { "exp", 1, Math.E, 2 },
        { "log", 1e-3, 1e3, 1 },
        { "sqrt", 1e6, 0.5e-3, 1 },
        { "atan", 50, 1 / 2501.0, 1 },
    };

    private static Func<double, double> Function(string name) => name switch
    {
        "sin" => Math.Sin,
        "sin(exp)" => x => Math.Sin(Math.Exp(x)),
        "cos-1+x2/2" => x => Math.Cos(x) - 1 + x * x / 2,
        "cube" => x => x * x * x,
        "exp" => Math.Exp,
        "log" => Math.Log,
        "sqrt" => Math.Sqrt,
        _ => Math.Atan,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_true_error_never_exceeds_the_estimate(string name, double x, double exact, int order)
    {
        var f = Function(name);
        var result = order == 1 ? NumericalDerivative.Derivative(f, x) : NumericalDerivative.SecondDerivative(f, x);
        double trueError = Math.Abs(result.Value - exact);
        Assert.True(trueError <= result.ErrorEstimate,
            $"{name} at {x}: {result.Value:R} against {exact:R}; true error {trueError:E2} exceeds the estimate {result.ErrorEstimate:E2}");
        // And the estimate is useful where the problem allows it: 1e-8 relative for these well-scaled cases.
        if (name is "sin(exp)" or "exp" or "log" or "sqrt" or "atan" || (name == "sin" && order == 1))
            Assert.True(result.ErrorEstimate <= 1e-6 * Math.Abs(exact), $"{name}: estimate {result.ErrorEstimate:E2} of {exact:R}");
    }
}

public class HonestMultivariateDerivativeTests
{
    private static double LogSumExp(double[] v)
    {
        double m = Math.Max(v[0], v[1]);
        return m + Math.Log(Math.Exp(v[0] - m) + Math.Exp(v[1] - m));
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, -2.0)]
    [InlineData(30.0, 29.0)]
    [InlineData(1e308, 1e308)]
    [InlineData(1e15, 1e15)]
    public void Hessian_of_log_sum_exp_is_right_or_says_it_cannot_tell(double a, double b)
    {
        // Exact: with p = softmax(a, b), H = [[p0 p1, -p0 p1], [-p0 p1, p0 p1]]; gradient (p0, p1).
        double p0 = 1 / (1 + Math.Exp(b - a)), p1 = 1 - p0, c = p0 * p1;
        double[,] exact = { { c, -c }, { -c, c } };
        var (values, errors) = NumericalDerivative.Hessian(LogSumExp, [a, b]);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
            {
                if (double.IsPositiveInfinity(errors[i, j])) continue; // "cannot tell" is an honest answer
                double trueError = Math.Abs(values[i, j] - exact[i, j]);
                Assert.True(trueError <= errors[i, j], $"H[{i},{j}] at ({a}, {b}) = {values[i, j]:R}, exact {exact[i, j]:R}: true error {trueError:E2} above the estimate {errors[i, j]:E2}");
            }
        if (Math.Abs(a) < 100) Assert.True(errors[0, 1] <= 1e-6, $"resolvable case, error {errors[0, 1]:E2}");
        var (gradient, gradientErrors) = NumericalDerivative.Gradient(LogSumExp, [a, b]);
        Assert.True(double.IsPositiveInfinity(gradientErrors[0]) || Math.Abs(gradient[0] - p0) <= gradientErrors[0], $"gradient {gradient[0]:R}, exact {p0:R}, estimate {gradientErrors[0]:E2}");
    }

    [Fact]
    public void Hessian_at_1e308_reports_the_unresolvable_entries_with_infinite_error()
    {
        // The curvature of log-sum-exp lives at differences of order 1; at 1e308 no representable step gets near that (issue case 4).
        var (_, errors) = NumericalDerivative.Hessian(LogSumExp, [1e308, 1e308]);
        Assert.True(double.IsPositiveInfinity(errors[0, 1]));
        Assert.True(double.IsPositiveInfinity(errors[0, 0]));
    }

    [Fact]
    public void Jacobian_components_are_right_within_their_estimates_and_a_kink_has_no_answer()
    {
        // f = [sin(x0 x1), exp(x0), |x1|, sin(1e8 x0)] at (1, 0): exact columns [x1 cos, e, -, 1e8 cos(1e8)] and [x0 cos, 0, undefined, 0].
        var (values, errors) = NumericalDerivative.Jacobian(p => [Math.Sin(p[0] * p[1]), Math.Exp(p[0]), Math.Abs(p[1]), Math.Sin(1e8 * p[0])], [1.0, 0.0]);
        double[,] exact = { { 0, 1 }, { Math.E, 0 }, { double.NaN, double.NaN }, { 1e8 * Math.Cos(1e8), 0 } };
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 2; j++)
            {
                if (i == 2) continue;
                double trueError = Math.Abs(values[i, j] - exact[i, j]);
                Assert.True(double.IsPositiveInfinity(errors[i, j]) || trueError <= errors[i, j], $"J[{i},{j}] = {values[i, j]:R}, exact {exact[i, j]:R}, estimate {errors[i, j]:E2}");
            }
        Assert.True(double.IsPositiveInfinity(errors[2, 1]), $"d|x1|/dx1 at 0 reported as {values[2, 1]} +- {errors[2, 1]}");
        Assert.True(errors[1, 0] <= 1e-8, "exp is resolved to 1e-8");
    }

    [Fact]
    public void A_derivative_no_step_resolves_is_not_converged_and_ensure_converged_throws_with_the_best_estimate()
    {
        var kink = NumericalDerivative.Derivative(Math.Abs, 0);
        Assert.False(kink.Converged);
        var e = Assert.Throws<ConvergenceException>(() => kink.EnsureConverged());
        Assert.Equal(kink.Value, e.Value);
        var smooth = NumericalDerivative.Derivative(Math.Exp, 1);
        Assert.True(smooth.Converged);
        Assert.Same(smooth, smooth.EnsureConverged());
        Assert.Same(smooth, smooth.EnsureConverged(1e-10));
        // Issue case 3: cancellation in f leaves about four digits; asking for 1e-8 relative is refused with the estimate.
        var cancelled = NumericalDerivative.Derivative(x => Math.Cos(x) - 1 + x * x / 2, 1e-3);
        Assert.True(cancelled.Converged);
        e = Assert.Throws<ConvergenceException>(() => cancelled.EnsureConverged(1e-8));
        Assert.Equal(cancelled.ErrorEstimate, e.ErrorEstimate);
    }
}
