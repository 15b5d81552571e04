using DeepMath.Kernels;

namespace DeepMath.Probability;

public static partial class SpecialFunctions
{
    /// <summary>The error function, about 1e-15 relative.</summary>
    public static double Erf(double x) => ScalarMath.Erf(x);

    /// <summary>The complementary error function 1 - erf(x), relative accuracy kept into the subnormal range (0 beyond 27.3).</summary>
    public static double Erfc(double x) => ScalarMath.Erfc(x);

    /// <summary>log(1 + x), accurate for tiny x.</summary>
    public static double Log1P(double x) => ScalarMath.Log1P(x);

    /// <summary>e^x - 1, accurate for tiny x.</summary>
    public static double ExpM1(double x) => ScalarMath.ExpM1(x);

    /// <summary>
    /// log(1 - e^(-x)) for x &gt;= 0 (Mächler's log1mexp): log(-expm1(-x)) below log 2, log1p(-e^(-x))
    /// above, so neither the tiny nor the large arguments lose digits. -∞ at 0, NaN below.
    /// </summary>
    public static double Log1MExp(double x)
    {
        if (double.IsNaN(x) || x < 0) return double.NaN;
        return x <= 0.6931471805599453 ? Math.Log(-ScalarMath.ExpM1(-x)) : ScalarMath.Log1P(-Math.Exp(-x));
    }

    /// <summary>logit(p) = log(p / (1 - p)); ±∞ at 1 and 0, NaN outside [0, 1].</summary>
    public static double Logit(double p)
    {
        if (!(p >= 0 && p <= 1)) return double.NaN;
        return Math.Log(p) - ScalarMath.Log1P(-p);
    }

    /// <summary>The logistic sigmoid 1 / (1 + e^(-x)) (the inverse of <see cref="Logit"/>).</summary>
    public static double Expit(double x) => ScalarMath.Sigmoid(x);

    /// <summary>log σ(x) = -softplus(-x), finite for every finite x (x itself below about -37).</summary>
    public static double LogSigmoid(double x) => -ScalarMath.Softplus(-x);

    /// <summary>softplus(x) = log(1 + e^x), finite for every finite x.</summary>
    public static double Softplus(double x) => ScalarMath.Softplus(x);

    /// <summary>x log y, and 0 when x = 0 (also for y = 0), NaN when either is NaN: the convention of entropy sums.</summary>
    public static double XLogY(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y)) return double.NaN;
        return x == 0 ? 0 : x * Math.Log(y);
    }

    /// <summary>x log(1 + y), and 0 when x = 0, with log1p's accuracy for tiny y.</summary>
    public static double XLog1PY(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y)) return double.NaN;
        return x == 0 ? 0 : x * ScalarMath.Log1P(y);
    }

    /// <summary>
    /// log C(n, k) = log Γ(n+1) - log Γ(k+1) - log Γ(n-k+1) for real 0 &lt;= k &lt;= n, formed as
    /// -log(n + 1) - log B(n - k + 1, k + 1) so n up to 1e15 keeps its digits. 0 at k = 0 and k = n.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">k is outside [0, n].</exception>
    public static double LogBinomial(double n, double k)
    {
        if (double.IsNaN(n) || double.IsNaN(k)) return double.NaN;
        if (!(k >= 0 && k <= n)) throw new ArgumentOutOfRangeException(nameof(k), k, $"The binomial coefficient C(n, k) takes 0 <= k <= n; n = {n:R}.");
        if (k == 0 || k == n) return 0;
        return -Math.Log(n + 1) - LogBeta(n - k + 1, k + 1);
    }

    /// <summary>The standard normal cdf Φ(x), with full relative accuracy in the lower tail (Φ(-38) is subnormal, not 0).</summary>
    public static double NormalCdf(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x < -3) return NormalLowerTail(x);
        if (x > 3) return 1 - NormalLowerTail(-x);
        return 0.5 * ScalarMath.Erfc(-x * 0.70710678118654752440084436210485);
    }

    /// <summary>log Φ(x), finite far below the underflow of Φ (about -x²/2 for x ≪ 0).</summary>
    public static double NormalLogCdf(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x < -3)
        {
            if (double.IsNegativeInfinity(x)) return double.NegativeInfinity;
            return -HalfSquare(x) - HalfLogTwoPi - Math.Log(MillsDenominator(-x));
        }
        if (x > 3) return ScalarMath.Log1P(-NormalLowerTail(-x));
        return Math.Log(NormalCdf(x));
    }

    /// <summary>The standard normal quantile Φ⁻¹(p), accurate for p down to the smallest subnormal; ±∞ at 1 and 0.</summary>
    public static double NormalQuantile(double p)
    {
        if (!(p >= 0 && p <= 1)) return double.NaN;
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        return p <= 0.5 ? StandardNormalQuantileOfLower(p) : -StandardNormalQuantileOfLower(1 - p);
    }

    /// <summary>Φ⁻¹(p) for p in (0, 1/2]: -√2 erfcinv(2p), then one Newton step on log Φ.</summary>
    internal static double StandardNormalQuantileOfLower(double p)
    {
        double x = -1.4142135623730950488016887242097 * ErfcInv(2 * p);
        if (double.IsInfinity(x) || x == 0) return x;
        // Newton on log Φ(x) = log p: dx = -(log Φ(x) - log p) Φ(x) / φ(x).
        double logCdf = NormalLogCdf(x);
        double ratio = Math.Exp(logCdf + HalfSquare(x) + HalfLogTwoPi); // Φ(x) / φ(x)
        double step = (logCdf - Math.Log(p)) * ratio;
        return double.IsFinite(step) ? x - step : x;
    }

    /// <summary>Φ(x) for x &lt; -3: φ(x) / (|x| + 1/(|x| + 2/(|x| + ...))), with e^(-x²/2) formed exactly.</summary>
    private static double NormalLowerTail(double x)
    {
        if (x < -40) return 0; // below half the smallest subnormal
        return Math.Exp(-HalfSquare(x)) / 2.5066282746310005024157652848110 / MillsDenominator(-x);
    }

    /// <summary>x²/2 as the sum of an exact part and a small correction: z = x cut to 26 bits makes z² exact.</summary>
    private static double HalfSquare(double x)
    {
        if (Math.Abs(x) > 1e150) return double.PositiveInfinity;
        double z = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & unchecked((long)0xFFFFFFFFF8000000UL));
        return 0.5 * z * z + 0.5 * (x - z) * (x + z);
    }

    /// <summary>The continued fraction t + 1/(t + 2/(t + 3/(t + ...))) = φ(t)/Φ(-t) for t &gt;= 3 (modified Lentz).</summary>
    private static double MillsDenominator(double t)
    {
        if (t > 1e8) return t + 1 / t; // the fraction has converged to its first terms
        const double Tiny = 1e-300;
        double f = t, c = t, d = 0;
        for (int n = 1; n < 2000; n++)
        {
            d = t + n * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = t + n / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return f;
    }
}
