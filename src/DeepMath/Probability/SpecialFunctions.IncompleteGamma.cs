using DeepMath.Calculus;
using DeepMath.Kernels;

namespace DeepMath.Probability;

public static partial class SpecialFunctions
{
    /// <summary>The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a), for a &gt; 0, x &gt;= 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a is not a finite positive number, or x is negative.</exception>
    public static double GammaP(double a, double x) => IncompleteGammaPair(a, x).P;

    /// <summary>The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x), computed without cancellation.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a is not a finite positive number, or x is negative.</exception>
    public static double GammaQ(double a, double x) => IncompleteGammaPair(a, x).Q;

    /// <summary>
    /// The x with P(a, x) = p: the quantile of the standard gamma distribution. Exact to a few ulp, also
    /// for p down to 1e-300 (solved on log P) and p near 1 (solved on log Q with q = 1 - p; use
    /// <see cref="GammaQInverse"/> when q is known more accurately than 1 - p).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">a is not a finite positive number, or p is outside [0, 1].</exception>
    /// <exception cref="ConvergenceException">The safeguarded Newton iteration did not converge (never seen; capped at 400 steps).</exception>
    public static double GammaPInverse(double a, double p)
    {
        CheckProbability(p, nameof(p));
        return InverseIncompleteGamma(a, p, 1 - p);
    }

    /// <summary>The x with Q(a, x) = q (the upper-tail quantile), accurate for q down to 1e-300.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a is not a finite positive number, or q is outside [0, 1].</exception>
    /// <exception cref="ConvergenceException">The safeguarded Newton iteration did not converge.</exception>
    public static double GammaQInverse(double a, double q)
    {
        CheckProbability(q, nameof(q));
        return InverseIncompleteGamma(a, 1 - q, q);
    }

    /// <summary>P and Q together; the smaller is computed directly, the other as one minus it.</summary>
    internal static (double P, double Q) IncompleteGammaPair(double a, double x)
    {
        CheckIncompleteGamma(a, x);
        if (double.IsNaN(x)) return (x, x);
        if (x == 0) return (0, 1);
        if (double.IsPositiveInfinity(x)) return (1, 0);
        if (x < a + 1)
        {
            double p = GammaSeries(a, x) * GammaPrefactor(a, x);
            return (p, 1 - p);
        }
        double q = GammaPrefactor(a, x) * GammaContinuedFraction(a, x);
        return (1 - q, q);
    }

    /// <summary>log P(a, x) and log Q(a, x), finite far below the underflow of either.</summary>
    internal static (double LogP, double LogQ) LogIncompleteGammaPair(double a, double x)
    {
        CheckIncompleteGamma(a, x);
        if (double.IsNaN(x)) return (x, x);
        if (x == 0) return (double.NegativeInfinity, 0);
        if (double.IsPositiveInfinity(x)) return (0, double.NegativeInfinity);
        if (x < a + 1)
        {
            double logP = LogGammaPrefactor(a, x) + Math.Log(GammaSeries(a, x));
            return (logP, Log1MExp(-logP));
        }
        double logQ = LogGammaPrefactor(a, x) + Math.Log(GammaContinuedFraction(a, x));
        return (Log1MExp(-logQ), logQ);
    }

    /// <summary>The density of the standard gamma distribution, x^(a-1) e^(-x) / Γ(a), without overflow in the parts.</summary>
    internal static double GammaDensity(double a, double x) => x == 0 ? (a < 1 ? double.PositiveInfinity : a == 1 ? 1 : 0) : GammaPrefactor(a, x) / x;

    private static void CheckIncompleteGamma(double a, double x)
    {
        if (!(a > 0) || double.IsInfinity(a)) throw new ArgumentOutOfRangeException(nameof(a), a, "The incomplete gamma function takes a finite a > 0.");
        if (x < 0) throw new ArgumentOutOfRangeException(nameof(x), x, "The incomplete gamma function takes x >= 0.");
    }

    private static void CheckProbability(double p, string name)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(name, p, $"{name} must be a probability in [0, 1].");
    }

    /// <summary>
    /// x^a e^(-x) / Γ(a). For a &gt;= 10 it is formed as exp(a·log1pmx(t)) √a / (√(2π) e^δ(a)) with
    /// t = (x - a)/a and δ the Stirling correction: the large terms a log x, x and log Γ(a) cancel
    /// analytically instead of numerically, so a = 1e6 loses no digits.
    /// </summary>
    private static double GammaPrefactor(double a, double x) => Math.Exp(LogGammaPrefactor(a, x));

    /// <summary>log of <see cref="GammaPrefactor"/>.</summary>
    private static double LogGammaPrefactor(double a, double x)
    {
        if (a < 10) return a * Math.Log(x) - x - LogGamma(a);
        return a * LogRatioMinusRelativeChange(Math.Log(x / a), (x - a) / a) - StirlingCorrection(a) + 0.5 * Math.Log(a) - HalfLogTwoPi;
    }

    /// <summary>
    /// log(x/m) - t with t = (x - m)/m, given log(x/m): log1pmx(t) while |t| &lt; 1/2, where the two cancel;
    /// beyond, the logarithm given, since 1 + t rounded from t would lose the digits of a tiny x/m.
    /// </summary>
    private static double LogRatioMinusRelativeChange(double logRatio, double t)
        => Math.Abs(t) < 0.5 ? Log1PMinusX(t) : logRatio - t;

    /// <summary>The log of the standard gamma density at x &gt; 0, without the cancellation of large terms.</summary>
    internal static double LogGammaDensity(double a, double x) => x == 0 ? Math.Log(GammaDensity(a, 0)) : LogGammaPrefactor(a, x) - Math.Log(x);

    /// <summary>
    /// Loader's Stirling error log n! - log(√(2πn) (n/e)^n) for n &gt; 0 ("Fast and accurate computation
    /// of binomial probabilities", 2000): the correction series from 10 on, the defining difference below.
    /// </summary>
    internal static double StirlingError(double n)
        => n >= 10 ? StirlingCorrection(n) : LogGamma(n + 1) - (n + 0.5) * Math.Log(n) + n - HalfLogTwoPi;

    /// <summary>
    /// Loader's deviance term x log(x/m) + m - x &gt;= 0, formed as m((1+t) log1pmx(t) + t²) with
    /// t = (x - m)/m, so nothing cancels when x is near m.
    /// </summary>
    internal static double Deviance(double x, double m)
    {
        if (x == 0) return m;
        double t = (x - m) / m;
        if (Math.Abs(t) >= 0.5) return x * Math.Log(x / m) + m - x;
        return m * ((1 + t) * Log1PMinusX(t) + t * t);
    }

    /// <summary>log of the binomial probability C(n, k) p^k q^(n-k) for real 0 &lt;= k &lt;= n by Loader's saddle-point form.</summary>
    internal static double BinomialLogProbability(double k, double n, double p, double q)
    {
        if (p == 0) return k == 0 ? 0 : double.NegativeInfinity;
        if (q == 0) return k == n ? 0 : double.NegativeInfinity;
        if (k == 0) return n == 0 ? 0 : n * ScalarMath.Log1P(-p);
        if (k == n) return n * Math.Log(p);
        double lc = StirlingError(n) - StirlingError(k) - StirlingError(n - k) - Deviance(k, n * p) - Deviance(n - k, n * q);
        return lc + 0.5 * Math.Log(n / (2 * Math.PI * k * (n - k)));
    }

    /// <summary>log(1 + t) - t without cancellation: -t²/(2 + t) + 2 Σ u^(2k+1)/(2k+1), u = t/(2 + t), for |t| &lt; 1/2.</summary>
    internal static double Log1PMinusX(double t)
    {
        if (t <= -1) return t == -1 ? double.NegativeInfinity : double.NaN;
        if (Math.Abs(t) >= 0.5) return Kernels.ScalarMath.Log1P(t) - t;
        double u = t / (2 + t), u2 = u * u, power = u * u2, sum = 0;
        for (int k = 1; k < 40; k++)
        {
            double term = power / (2 * k + 1);
            sum += term;
            if (Math.Abs(term) <= 1e-18 * Math.Abs(sum)) break;
            power *= u2;
        }
        return -t * t / (2 + t) + 2 * sum;
    }

    /// <summary>
    /// Σ x^n / (a (a+1)...(a+n)), so that P = x^a e^{-x} / Γ(a) times it, for x &lt; a + 1. The terms fall like
    /// exp(-n²/2a) near x = a, so about 10√a terms are needed; the cap is far above that.
    /// </summary>
    private static double GammaSeries(double a, double x)
    {
        double term = 1 / a, sum = term;
        int cap = 1000 + (int)Math.Min(1e8, 40 * Math.Sqrt(a));
        for (int n = 1; ; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * 1e-17) break;
            if (n >= cap) throw new ConvergenceException($"The incomplete gamma series for a = {a:R}, x = {x:R} did not converge in {cap} terms.", sum * GammaPrefactor(a, x), Math.Abs(term), n);
        }
        return sum;
    }

    /// <summary>Legendre's continued fraction (modified Lentz) for x &gt;= a + 1: Q = x^a e^{-x} / Γ(a) times it.</summary>
    private static double GammaContinuedFraction(double a, double x)
    {
        const double Tiny = 1e-300;
        double b = x + 1 - a, c = 1 / Tiny, d = 1 / b, h = d;
        int cap = 1000 + (int)Math.Min(1e8, 40 * Math.Sqrt(a));
        for (int i = 1; ; i++)
        {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = b + an / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
            if (i >= cap) throw new ConvergenceException($"The incomplete gamma continued fraction for a = {a:R}, x = {x:R} did not converge in {cap} terms.", GammaPrefactor(a, x) * h, Math.Abs(delta - 1), i);
        }
        return h;
    }

    private static double InverseIncompleteGamma(double a, double p, double q)
    {
        if (!(a > 0) || double.IsInfinity(a)) throw new ArgumentOutOfRangeException(nameof(a), a, "The incomplete gamma function takes a finite a > 0.");
        if (p == 0) return 0;
        if (q == 0) return double.PositiveInfinity;
        // Start: the small-x power law x ≈ (p Γ(a + 1))^(1/a) in the lower tail, Wilson-Hilferty elsewhere.
        double start;
        double logSmall = (Math.Log(p) + LogGamma(a + 1)) / a;
        if (p < 0.05 && logSmall < Math.Log(a) - 1) start = Math.Exp(logSmall);
        else
        {
            double z = p <= q ? StandardNormalQuantileOfLower(p) : -StandardNormalQuantileOfLower(q);
            double c = 1 / (9 * a), cube = 1 - c + z * Math.Sqrt(c);
            start = cube > 0 ? a * cube * cube * cube : Math.Exp(logSmall);
        }
        if (!(start > 0) || double.IsInfinity(start)) start = a;
        return MonotoneInverse.Solve(
            x => IncompleteGammaPair(a, x),
            x => GammaDensity(a, x),
            p, q, lower: 0, upper: double.PositiveInfinity, start, "GammaPInverse");
    }
}
