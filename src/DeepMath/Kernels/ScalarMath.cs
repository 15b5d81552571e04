using System.Numerics;

namespace DeepMath.Kernels;

/// <summary>Numerically careful scalar functions that the BCL computes naively.</summary>
internal static class ScalarMath
{
    /// <summary>log(1 + x), accurate to a few ulps even when |x| is far below machine epsilon.</summary>
    /// <remarks>Goldberg's trick: the rounding error of u = 1 + x cancels in log(u) * x / (u - 1).</remarks>
    public static T Log1P<T>(T x) where T : IFloatingPointIeee754<T>
    {
        var u = T.One + x;
        if (u == T.One) return x;
        if (T.IsPositiveInfinity(u)) return u;
        return T.Log(u) * (x / (u - T.One)); // the ratio is near 1: no overflow for x near the largest finite value
    }

    /// <summary>exp(x) - 1, accurate to a few ulps for tiny |x| where exp(x) rounds to 1.</summary>
    /// <remarks>Kahan's trick: (u - 1) * x / log(u) with u = exp(x) cancels the rounding error of u.</remarks>
    public static T ExpM1<T>(T x) where T : IFloatingPointIeee754<T>
    {
        var u = T.Exp(x);
        if (u == T.One) return x;
        if (T.IsPositiveInfinity(u)) return u;
        var um1 = u - T.One;
        if (um1 == -T.One) return -T.One;
        return um1 * (x / T.Log(u)); // the ratio is near 1: no overflow just below the overflow threshold
    }

    /// <summary>The logistic function 1 / (1 + exp(-x)), evaluated without overflow for either sign of x.</summary>
    public static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T>
    {
        if (x >= T.Zero) return T.One / (T.One + T.Exp(-x));
        var e = T.Exp(x);
        return e / (T.One + e);
    }

    /// <summary>
    /// The error function to about 1e-15: for |x| &lt; 3 the all-positive series
    /// erf x = 2x/sqrt(pi) e^(-x^2) sum (2x^2)^n / (1 3 5 ... (2n+1)) (no cancellation); beyond, 1 - erfc(x).
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double a = Math.Abs(x);
        if (a >= 3) return Math.CopySign(1 - ErfcContinuedFraction(a), x);
        double x2 = a * a, term = 1, sum = 1;
        for (int n = 1; n < 200 && term > 1e-17 * sum; n++)
        {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return Math.CopySign(2 / Math.Sqrt(Math.PI) * a * Math.Exp(-x2) * sum, x);
    }

    /// <summary>
    /// The complementary error function 1 - erf(x), to about 1e-15 relative everywhere: 1 - erf(x)
    /// below 1.5 (where erfc is at least 0.03, so nothing cancels), the continued fraction above
    /// (fewer than 100 terms), 2 - erfc(-x) for negative x; subnormal in the far tail, 0 beyond 27.3.
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x < 0) return 2 - Erfc(-x);
        if (x >= 1.5) return ErfcContinuedFraction(x);
        return 1 - Erf(x);
    }

    /// <summary>
    /// erfc(x) for x &gt;= 1.5 by Lentz's evaluation of erfc x = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))).
    /// e^(-x^2) is formed as e^(-z^2) e^((z - x)(z + x)) with z = x cut to 26 bits, so z^2 is exact and
    /// the rounding of x^2 (a relative error of 2 x^2 eps in the result) never happens.
    /// </summary>
    private static double ErfcContinuedFraction(double x)
    {
        if (x > 27.3) return 0; // beyond, erfc is below half the smallest subnormal
        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int n = 1; n < 500; n++)
        {
            double an = n / 2.0;
            d = x + an * d;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + an / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        double z = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & unchecked((long)0xFFFFFFFFF8000000UL));
        return Math.Exp(-z * z) * Math.Exp((z - x) * (z + x)) / Math.Sqrt(Math.PI) / f;
    }

    /// <summary>softplus(x) = log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)), finite for every finite x.</summary>
    public static T Softplus<T>(T x) where T : IFloatingPointIeee754<T>
        => T.Max(x, T.Zero) + Log1P(T.Exp(-T.Abs(x)));
}
