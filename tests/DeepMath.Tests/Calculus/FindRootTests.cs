using DeepMath.Calculus;
using Xunit;

namespace DeepMath.Tests.Calculus;

public class FindRootTests
{
    private const double DottieNumber = 0.7390851332151607;

    private static double CosFixedPoint(double x) => Math.Cos(x) - x;

    private static double CosFixedPointDerivative(double x) => -Math.Sin(x) - 1;

    [Fact]
    public void SquareRootOfTwo_AllMethods()
    {
        Func<double, double> f = x => (x * x) - 2;
        Func<double, double> df = x => 2 * x;
        var sqrt2 = Math.Sqrt(2);
        Assert.Equal(sqrt2, FindRoot.Brent(f, 0, 2).Root, 12);
        Assert.Equal(sqrt2, FindRoot.Bisection(f, 0, 2).Root, 11);
        Assert.Equal(sqrt2, FindRoot.Newton(f, df, 1).Root, 14);
        Assert.Equal(sqrt2, FindRoot.NewtonSafe(f, df, 0, 2).Root, 14);
    }

    [Fact]
    public void CosEqualsX()
    {
        var brent = FindRoot.Brent(CosFixedPoint, 0, 1);
        Assert.True(brent.Converged);
        Assert.Equal(DottieNumber, brent.Root, 12);
        Assert.True(brent.Iterations < 15);
        Assert.Equal(brent.Path[^1], brent.Root);

        var newton = FindRoot.Newton(CosFixedPoint, CosFixedPointDerivative, 0);
        Assert.Equal(DottieNumber, newton.Root, 14);
        Assert.True(newton.Iterations < 10);
        Assert.Equal(newton.Iterations + 1, newton.Path.Count);

        Assert.Equal(DottieNumber, FindRoot.NewtonSafe(CosFixedPoint, CosFixedPointDerivative, 0, 1).Root, 14);
        var bisection = FindRoot.Bisection(CosFixedPoint, 1, 0);
        Assert.True(Math.Abs(bisection.Root - DottieNumber) <= 1e-12);
        Assert.True(bisection.Iterations is > 30 and < 50);
    }

    [Fact]
    public void CyclingNewton_ReportsFailure_WhileBracketingMethodsConverge()
    {
        // Undamped Newton on x^3 - 2x + 2 from 0 cycles 0, 1, 0, ...; damping walks into the local
        // minimum of |f| near 0.816 instead, which is not a root.
        Func<double, double> f = x => (x * x * x) - (2 * x) + 2;
        Func<double, double> df = x => (3 * x * x) - 2;
        var newton = FindRoot.Newton(f, df, 0, throwOnFailure: false);
        Assert.False(newton.Converged);
        Assert.True(Math.Abs(newton.FunctionValue) > 0.5);
        Assert.Throws<ConvergenceException>(() => FindRoot.Newton(f, df, 0));

        const double root = -1.7692923542386314;
        Assert.Equal(root, FindRoot.NewtonSafe(f, df, -3, 0).Root, 13);
        Assert.Equal(root, FindRoot.Brent(f, -3, 0).Root, 12);
    }

    [Fact]
    public void Atan_DampingRescuesNewton_AndSafeguardedMethodsConverge()
    {
        // Plain Newton from 1.5 overshoots further each step; halving the step fixes that.
        Func<double, double> df = x => 1 / (1 + (x * x));
        var newton = FindRoot.Newton(Math.Atan, df, 1.5);
        Assert.True(newton.Converged);
        Assert.True(Math.Abs(newton.Root) < 1e-12);
        Assert.True(Math.Abs(FindRoot.NewtonSafe(Math.Atan, df, -1, 5).Root) < 1e-12);
        Assert.True(Math.Abs(FindRoot.Brent(Math.Atan, -1, 5).Root) < 1e-12);
    }

    [Fact]
    public void ZeroDerivative_IsReported()
    {
        var result = FindRoot.Newton(x => (x * x) + 1, x => 2 * x, 0, throwOnFailure: false);
        Assert.False(result.Converged);
        var ex = Assert.Throws<ConvergenceException>(() => FindRoot.Newton(x => (x * x) + 1, x => 2 * x, 0));
        Assert.Equal(0, ex.Value);
    }

    [Fact]
    public void TripleRoot_ConvergesLinearlyWithinCaps()
    {
        Func<double, double> f = x => Math.Pow(x - 1, 3);
        Func<double, double> df = x => 3 * (x - 1) * (x - 1);
        var newton = FindRoot.Newton(f, df, 2);
        Assert.True(newton.Converged);
        Assert.True(newton.Iterations > 30, "multiple roots make Newton linear");
        Assert.True(Math.Abs(newton.Root - 1) < 1e-10);
        Assert.True(Math.Abs(FindRoot.NewtonSafe(f, df, 0, 2.5).Root - 1) < 1e-10);
        Assert.True(Math.Abs(FindRoot.Brent(f, 0, 2.5).Root - 1) < 1e-10);
        Assert.True(Math.Abs(FindRoot.Bisection(f, 0, 2.5).Root - 1) < 1e-10);
    }

    [Fact]
    public void IterationCap_FlagsOrThrows()
    {
        var capped = FindRoot.Bisection(CosFixedPoint, 0, 1, 1e-12, maxIterations: 5, throwOnFailure: false);
        Assert.False(capped.Converged);
        Assert.Equal(5, capped.Iterations);
        var ex = Assert.Throws<ConvergenceException>(() => FindRoot.Brent(CosFixedPoint, 0, 1, 1e-12, maxIterations: 2));
        Assert.Equal(2, ex.Iterations);
    }

    [Fact]
    public void RootAtBracketEnd_IsReturnedImmediately()
    {
        var result = FindRoot.Brent(x => x - 3, 3, 5);
        Assert.Equal(3, result.Root);
        Assert.Equal(0, result.Iterations);
    }

    [Fact]
    public void InvalidBracket_NamesIntervalAndValues()
    {
        var ex = Assert.Throws<ArgumentException>(() => FindRoot.Brent(x => (x * x) + 1, -1, 2));
        Assert.Contains("[-1, 2]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("5", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FindRoot.Bisection(x => x, 1, 2));
        Assert.Throws<ArgumentException>(() => FindRoot.NewtonSafe(x => x, x => 1, 1, 2));
        Assert.Throws<ArgumentException>(() => FindRoot.Brent(x => x, double.NaN, 2));
        Assert.Throws<ArgumentException>(() => FindRoot.Brent(x => x, -1, 2, tolerance: -1e-3));
        Assert.Throws<ArgumentException>(() => FindRoot.Newton(x => x, x => 1, 0, maxIterations: 0));
    }
}
