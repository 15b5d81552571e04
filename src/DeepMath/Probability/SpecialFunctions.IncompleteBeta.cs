using DeepMath.Calculus;
using DeepMath.Kernels;

namespace DeepMath.Probability;

public static partial class SpecialFunctions
{
    /// <summary>
    /// The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), for a, b &gt; 0 and
    /// x in [0, 1]: the cdf of the Beta(a, b) distribution. Accurate to about 1e-14 relative for a and b
    /// up to 1e6 (the prefactor x^a (1-x)^b / B(a, b) is formed without the cancellation of its large
    /// logarithms); near the mean of a Beta with huge a and b the function itself has condition number
    /// about √a, so the rounding of x limits what any implementation can give.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">a or b is not a finite positive number, or x is outside [0, 1].</exception>
    public static double IncompleteBeta(double a, double b, double x) => IncompleteBetaPair(a, b, x).I;

    /// <summary>1 - I_x(a, b), computed without cancellation (the upper tail of the Beta(a, b) distribution).</summary>
    /// <exception cref="ArgumentOutOfRangeException">a or b is not a finite positive number, or x is outside [0, 1].</exception>
    public static double IncompleteBetaComplement(double a, double b, double x) => IncompleteBetaPair(a, b, x).Complement;

    /// <summary>The x with I_x(a, b) = p: the quantile of the Beta(a, b) distribution, accurate for p down to 1e-300.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a or b is not a finite positive number, or p is outside [0, 1].</exception>
    /// <exception cref="ConvergenceException">The safeguarded Newton iteration did not converge.</exception>
    public static double IncompleteBetaInverse(double a, double b, double p)
    {
        CheckProbability(p, nameof(p));
        return InverseIncompleteBeta(a, b, p, 1 - p);
    }

    /// <summary>The x with 1 - I_x(a, b) = q: the upper-tail quantile, accurate for q down to 1e-300.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a or b is not a finite positive number, or q is outside [0, 1].</exception>
    /// <exception cref="ConvergenceException">The safeguarded Newton iteration did not converge.</exception>
    public static double IncompleteBetaComplementInverse(double a, double b, double q)
    {
        CheckProbability(q, nameof(q));
        return InverseIncompleteBeta(a, b, 1 - q, q);
    }

    /// <summary>I_x(a, b) and 1 - I_x(a, b); the one on the near side of the mean comes from the continued fraction.</summary>
    internal static (double I, double Complement) IncompleteBetaPair(double a, double b, double x)
    {
        // 1 - x is exact when x >= 1/2; when x < 1/2 everything below takes its digits from x itself.
        return IncompleteBetaPair(a, b, x, 1 - x);
    }

    /// <summary>
    /// I_x(a, b) and its complement given x and y = 1 - x each to full relative accuracy (the t and F
    /// distributions form both from their own formulas): the continued fraction then never sees a
    /// rounded 1 - x.
    /// </summary>
    internal static (double I, double Complement) IncompleteBetaPair(double a, double b, double x, double y)
    {
        var (lower, logPrefactor, fraction) = IncompleteBetaParts(a, b, x, y);
        if (double.IsNaN(fraction)) return (fraction, fraction);
        double near = Math.Exp(logPrefactor) * fraction;
        return lower ? (near, 1 - near) : (1 - near, near);
    }

    /// <summary>log I_x(a, b) and log(1 - I_x(a, b)), finite far below the underflow of either.</summary>
    internal static (double LogI, double LogComplement) LogIncompleteBetaPair(double a, double b, double x, double y)
    {
        var (lower, logPrefactor, fraction) = IncompleteBetaParts(a, b, x, y);
        if (double.IsNaN(fraction)) return (fraction, fraction);
        double logNear = logPrefactor + Math.Log(fraction);
        double logFar = Log1MExp(-logNear);
        return lower ? (logNear, logFar) : (logFar, logNear);
    }

    /// <summary>
    /// The pieces of I_x(a, b): whether the continued fraction gives I itself (x below the mean) or its
    /// complement, the log of its prefactor x^a y^b / (a B(a, b)), and the fraction. The edges 0 and 1
    /// come back as a prefactor of 0 or 1 with fraction 1.
    /// </summary>
    private static (bool Lower, double LogPrefactor, double Fraction) IncompleteBetaParts(double a, double b, double x, double y)
    {
        CheckBetaShapes(a, b);
        if (double.IsNaN(x) || double.IsNaN(y)) return (true, double.NaN, double.NaN);
        if (!(x >= 0 && x <= 1)) throw new ArgumentOutOfRangeException(nameof(x), x, "The incomplete beta function takes x in [0, 1].");
        // The edges come from the exact argument: y rounds to 1 for x = 1e-20, which is no edge at all.
        if (x == 0) return (true, double.NegativeInfinity, 1);
        if (y == 0) return (false, double.NegativeInfinity, 1);
        if (x < (a + 1) / (a + b + 2))
            return (true, LogBetaPrefactor(a, b, x, y) - Math.Log(a), BetaContinuedFraction(a, b, x, y));
        return (false, LogBetaPrefactor(b, a, y, x) - Math.Log(b), BetaContinuedFraction(b, a, y, x));
    }

    /// <summary>The Beta(a, b) density x^(a-1) (1-x)^(b-1) / B(a, b).</summary>
    internal static double BetaDensity(double a, double b, double x)
    {
        if (x == 0) return a < 1 ? double.PositiveInfinity : a == 1 ? b : 0;
        if (x == 1) return b < 1 ? double.PositiveInfinity : b == 1 ? a : 0;
        return BetaPrefactor(a, b, x, 1 - x) / (x * (1 - x));
    }

    private static void CheckBetaShapes(double a, double b)
    {
        if (!(a > 0) || double.IsInfinity(a)) throw new ArgumentOutOfRangeException(nameof(a), a, "The incomplete beta function takes a finite a > 0.");
        if (!(b > 0) || double.IsInfinity(b)) throw new ArgumentOutOfRangeException(nameof(b), b, "The incomplete beta function takes a finite b > 0.");
    }

    /// <summary>
    /// x^a y^b / B(a, b) with y = 1 - x. When a and b are both at least 10 it is
    /// √(ab/(2π(a+b))) e^(δ(a+b) - δ(a) - δ(b)) · exp(a log1pmx(s/x₀) + b log1pmx(-s/y₀)), with
    /// x₀ = a/(a+b), y₀ = b/(a+b), s = x - x₀ and δ the Stirling correction: the terms of size a and b
    /// cancel in closed form, and both exponents are negative, so nothing cancels numerically.
    /// </summary>
    private static double BetaPrefactor(double a, double b, double x, double y) => Math.Exp(LogBetaPrefactor(a, b, x, y));

    /// <summary>log of <see cref="BetaPrefactor"/>, finite where the prefactor underflows.</summary>
    private static double LogBetaPrefactor(double a, double b, double x, double y)
    {
        // One of x, y is exact (the caller's argument) and the other is 1 minus it, rounded: each
        // logarithm comes from the exact one, or b·log(y) would carry b times y's rounding.
        double logX = x <= 0.5 ? Math.Log(x) : ScalarMath.Log1P(-y);
        double logY = y <= 0.5 ? Math.Log(y) : ScalarMath.Log1P(-x);
        if (Math.Min(a, b) < 10)
            return a * logX + b * logY - LogBeta(a, b);
        double sum = a + b, x0 = a / sum, y0 = b / sum;
        double s = x <= y ? x - x0 : y0 - y; // x - x0, from whichever of x and y is exact
        double logRatioX = x <= 0.5 ? Math.Log(x / x0) : logX - Math.Log(x0), logRatioY = y <= 0.5 ? Math.Log(y / y0) : logY - Math.Log(y0);
        double exponent = a * LogRatioMinusRelativeChange(logRatioX, s / x0) + b * LogRatioMinusRelativeChange(logRatioY, -s / y0);
        double correction = StirlingCorrection(sum) - StirlingCorrection(a) - StirlingCorrection(b);
        return 0.5 * Math.Log(a / sum * b / 2.0 / Math.PI) + exponent + correction;
    }

    /// <summary>The log of the Beta(a, b) density at x in (0, 1), without the cancellation of large terms.</summary>
    internal static double LogBetaDensity(double a, double b, double x) => LogBetaDensity(a, b, x, 1 - x);

    /// <summary>The log of the Beta(a, b) density at x, given y = 1 - x to full relative accuracy as well.</summary>
    internal static double LogBetaDensity(double a, double b, double x, double y)
    {
        if (x == 0 || y == 0) return Math.Log(BetaDensity(a, b, x));
        double logX = x <= 0.5 ? Math.Log(x) : ScalarMath.Log1P(-y);
        double logY = y <= 0.5 ? Math.Log(y) : ScalarMath.Log1P(-x);
        return LogBetaPrefactor(a, b, x, y) - logX - logY;
    }

    /// <summary>
    /// The continued fraction of I_x(a, b) (Numerical Recipes' betacf, modified Lentz), for
    /// x &lt; (a+1)/(a+b+2) where it converges in O(√max(a, b)) terms; y = 1 - x.
    /// </summary>
    private static double BetaContinuedFraction(double a, double b, double x, double y)
    {
        const double Tiny = 1e-300;
        double qab = a + b, qap = a + 1, qam = a - 1;
        // 1 - (a+b)x/(a+1), from y = 1 - x when x is the rounded one: (1 - b + (a+b)y)/(a+1) does not cancel.
        double c = 1, d = x <= 0.5 ? 1 - qab * x / qap : (1 - b + qab * y) / qap;
        if (Math.Abs(d) < Tiny) d = Tiny;
        d = 1 / d;
        double h = d;
        int cap = 1000 + (int)Math.Min(1e8, 40 * Math.Sqrt(Math.Max(a, b)));
        for (int m = 1; ; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) return h;
            if (m >= cap)
                throw new ConvergenceException($"The incomplete beta continued fraction for a = {a:R}, b = {b:R}, x = {x:R} did not converge in {cap} terms.", h, Math.Abs(delta - 1), m);
        }
    }

    /// <summary>
    /// Solves I_x(a, b) = p. The root lies below 1/2 exactly when p &lt;= I_(1/2)(a, b); above, it is
    /// solved as 1 - y with I_y(b, a) = q, so a root near 1 keeps the digits of 1 - x and one near 0
    /// keeps its own.
    /// </summary>
    private static double InverseIncompleteBeta(double a, double b, double p, double q, bool belowHalf = false)
    {
        CheckBetaShapes(a, b);
        if (p == 0) return 0;
        if (q == 0) return 1;
        if (!belowHalf)
        {
            // The root is above 1/2 when F(1/2) < p; compared on the smaller of p and q, where it is exact.
            var half = IncompleteBetaPair(a, b, 0.5);
            if (p <= q ? p > half.I : q < half.Complement) return 1 - InverseIncompleteBeta(b, a, q, p, belowHalf: true);
        }
        // Start: the power law I ≈ x^a / (a B(a, b)) in the lower tail, otherwise the mean clipped to the half.
        double logStart = (Math.Log(p) + Math.Log(a) + LogBeta(a, b)) / a;
        double mean = a / (a + b);
        double start = logStart < Math.Log(0.5 * Math.Min(mean, 0.5)) ? Math.Exp(logStart) : Math.Min(mean, 0.25);
        return MonotoneInverse.Solve(
            x => IncompleteBetaPair(a, b, x),
            x => BetaDensity(a, b, x),
            p, q, lower: 0, upper: 0.5, start, "IncompleteBetaInverse");
    }
}
