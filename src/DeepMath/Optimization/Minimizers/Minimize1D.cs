using DeepMath.Calculus;

namespace DeepMath.Optimization.Minimizers;

/// <summary>
/// Minimization of a function of one variable: bracketing (downhill with golden-ratio growth and
/// parabolic extrapolation), golden-section search, and Brent's method (parabolic interpolation
/// safeguarded by golden sections). All capped; a bracket that cannot be found throws.
/// </summary>
public static class Minimize1D
{
    private const double Golden = 1.618033988749895, GoldenSectionFraction = 0.3819660112501051;

    /// <summary>
    /// A bracket (a, b, c) with f(b) &lt;= f(a) and f(b) &lt;= f(c), searching downhill from the two
    /// points given (scipy.optimize.bracket).
    /// </summary>
    /// <exception cref="ConvergenceException">No bracket within <paramref name="maxIterations"/> growth steps (f may be unbounded below, or monotone).</exception>
    public static (double A, double B, double C, int Evaluations) Bracket(Func<double, double> f, double a = 0, double b = 1, int maxIterations = 1000)
    {
        ArgumentNullException.ThrowIfNull(f);
        Check(a, nameof(a));
        Check(b, nameof(b));
        if (a == b) throw new ArgumentException($"Bracket needs two different starting points; both are {a}.", nameof(b));
        var r = FindBracket(x => Safe(f, x), a, b, maxIterations);
        return (r.A, r.B, r.C, r.Evaluations);
    }

    /// <summary>
    /// Brent's method on the closed interval [lower, upper] (scipy.optimize.fminbound): the minimum to within
    /// <paramref name="tolerance"/> (absolute, plus a relative part of sqrt(eps)|x|).
    /// </summary>
    public static ScalarMinimum Brent(Func<double, double> f, double lower, double upper, double tolerance = 1e-10, int maxIterations = 500)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckInterval(lower, upper, tolerance, maxIterations);
        return BrentOnInterval(x => Safe(f, x), lower, upper, 0.5 * (lower + upper) - (0.5 - GoldenSectionFraction) * (upper - lower), tolerance, maxIterations, 0);
    }

    /// <summary>
    /// Brent's method after bracketing from the two starting points (scipy.optimize.brent): for a minimum
    /// whose location is not known in advance. <paramref name="relativeTolerance"/> is relative to |x|.
    /// </summary>
    /// <exception cref="ConvergenceException">No bracket could be found.</exception>
    public static ScalarMinimum BrentFrom(Func<double, double> f, double a = 0, double b = 1, double relativeTolerance = 1.48e-8, int maxIterations = 500)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!(relativeTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, "relativeTolerance must be positive.");
        if (a == b) throw new ArgumentException($"BrentFrom needs two different starting points; both are {a}.", nameof(b));
        return BracketedBrent(x => Safe(f, x), a, b, relativeTolerance, maxIterations);
    }

    /// <summary>
    /// Golden-section search on [lower, upper]: linear convergence by the factor 0.618 per evaluation,
    /// with no assumption beyond unimodality (the book's method, and Brent's fallback).
    /// </summary>
    public static ScalarMinimum GoldenSection(Func<double, double> f, double lower, double upper, double tolerance = 1e-10, int maxIterations = 500)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckInterval(lower, upper, tolerance, maxIterations);
        double a = lower, b = upper;
        double c = b - (b - a) / Golden, d = a + (b - a) / Golden;
        double fc = Safe(f, c), fd = Safe(f, d);
        int evaluations = 2, k = 0;
        for (; k < maxIterations && b - a > tolerance + 1.5e-8 * Math.Abs(0.5 * (a + b)); k++)
        {
            if (fc <= fd) { b = d; d = c; fd = fc; c = b - (b - a) / Golden; fc = Safe(f, c); }
            else { a = c; c = d; fc = fd; d = a + (b - a) / Golden; fd = Safe(f, d); }
            evaluations++;
        }
        bool converged = b - a <= tolerance + 1.5e-8 * Math.Abs(0.5 * (a + b));
        return fc <= fd ? new ScalarMinimum(c, fc, k, evaluations, converged, a, b) : new ScalarMinimum(d, fd, k, evaluations, converged, a, b);
    }

    internal static ScalarMinimum BracketedBrent(Func<double, double> f, double a, double b, double relativeTolerance, int maxIterations)
    {
        var (xa, xb, xc, _, fb, _, evaluations) = FindBracket(f, a, b, 1000);
        return BrentOnInterval(f, Math.Min(xa, xc), Math.Max(xa, xc), xb, 0, maxIterations, evaluations, relativeTolerance, fb);
    }

    /// <summary>Brent's parabolic-interpolation minimizer on [lo, hi] from the interior point x.</summary>
    private static ScalarMinimum BrentOnInterval(Func<double, double> f, double lo, double hi, double x, double absoluteTolerance, int maxIterations,
        int evaluations, double relativeTolerance = 1.4901161193847656e-8, double fx = double.NaN)
    {
        const double MinTolerance = 1e-11;
        if (double.IsNaN(fx)) { fx = f(x); evaluations++; }
        double a = lo, b = hi, w = x, v = x, fw = fx, fv = fx, step = 0, previous = 0;
        int k = 0;
        for (; k < maxIterations; k++)
        {
            double tol1 = relativeTolerance * Math.Abs(x) + MinTolerance + absoluteTolerance / 3, tol2 = 2 * tol1;
            double middle = 0.5 * (a + b);
            if (Math.Abs(x - middle) <= tol2 - 0.5 * (b - a)) return new ScalarMinimum(x, fx, k, evaluations, true, a, b);
            bool golden = true;
            if (Math.Abs(previous) > tol1)
            {
                // A parabola through (v, w, x); accepted when it falls inside and moves less than half the step before last.
                double r = (x - w) * (fx - fv), q = (x - v) * (fx - fw), p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) p = -p;
                q = Math.Abs(q);
                double older = previous;
                previous = step;
                if (Math.Abs(p) < Math.Abs(0.5 * q * older) && p > q * (a - x) && p < q * (b - x))
                {
                    step = p / q;
                    double u0 = x + step;
                    if (u0 - a < tol2 || b - u0 < tol2) step = middle >= x ? tol1 : -tol1;
                    golden = false;
                }
            }
            if (golden)
            {
                previous = x >= middle ? a - x : b - x;
                step = GoldenSectionFraction * previous;
            }
            double u = Math.Abs(step) >= tol1 ? x + step : x + (step >= 0 ? tol1 : -tol1);
            double fu = f(u);
            evaluations++;
            if (fu <= fx)
            {
                if (u >= x) a = x; else b = x;
                v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
            }
            else
            {
                if (u < x) a = u; else b = u;
                if (fu <= fw || w == x) { v = w; fv = fw; w = u; fw = fu; }
                else if (fu <= fv || v == x || v == w) { v = u; fv = fu; }
            }
        }
        return new ScalarMinimum(x, fx, k, evaluations, false, a, b);
    }

    /// <summary>Downhill bracketing with golden-ratio growth and parabolic extrapolation (Numerical Recipes' mnbrak).</summary>
    private static (double A, double B, double C, double Fa, double Fb, double Fc, int Evaluations) FindBracket(Func<double, double> f, double xa, double xb, int maxIterations)
    {
        const double GrowLimit = 110, Tiny = 1e-21;
        double fa = f(xa), fb = f(xb);
        int evaluations = 2;
        if (fa < fb) { (xa, xb) = (xb, xa); (fa, fb) = (fb, fa); }
        double xc = xb + Golden * (xb - xa), fc = f(xc);
        evaluations++;
        for (int k = 0; fc < fb; k++)
        {
            if (k >= maxIterations || !double.IsFinite(xc))
                throw new ConvergenceException($"No bracket around a minimum within {maxIterations} growth steps (the function keeps decreasing towards {xc:G6}; it may be unbounded below).",
                    xc, double.NaN, k);
            double r = (xb - xa) * (fb - fc), q = (xb - xc) * (fb - fa), value = q - r;
            double denominator = Math.Abs(value) < Tiny ? 2 * Tiny : 2 * value;
            double w = xb - ((xb - xc) * q - (xb - xa) * r) / denominator, limit = xb + GrowLimit * (xc - xb), fw;
            if ((w - xc) * (xb - w) > 0)
            {
                fw = f(w); evaluations++;
                if (fw < fc) return (xb, w, xc, fb, fw, fc, evaluations);
                if (fw > fb) return (xa, xb, w, fa, fb, fw, evaluations);
                w = xc + Golden * (xc - xb); fw = f(w); evaluations++;
            }
            else if ((w - limit) * (limit - xc) >= 0) { w = limit; fw = f(w); evaluations++; }
            else if ((w - limit) * (xc - w) > 0)
            {
                fw = f(w); evaluations++;
                if (fw < fc) { xb = xc; xc = w; w = xc + Golden * (xc - xb); fb = fc; fc = fw; fw = f(w); evaluations++; }
            }
            else { w = xc + Golden * (xc - xb); fw = f(w); evaluations++; }
            xa = xb; xb = xc; xc = w; fa = fb; fb = fc; fc = fw;
        }
        return (xa, xb, xc, fa, fb, fc, evaluations);
    }

    private static double Safe(Func<double, double> f, double x)
    {
        double v = f(x);
        return double.IsNaN(v) ? double.PositiveInfinity : v;
    }

    private static void Check(double x, string name)
    {
        if (!double.IsFinite(x)) throw new ArgumentOutOfRangeException(name, x, $"{name} must be finite.");
    }

    private static void CheckInterval(double lower, double upper, double tolerance, int maxIterations)
    {
        Check(lower, nameof(lower));
        Check(upper, nameof(upper));
        if (!(lower < upper)) throw new ArgumentException($"The interval [{lower}, {upper}] is empty: lower must be below upper.", nameof(upper));
        if (!(tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be at least 0.");
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "maxIterations must be at least 1.");
    }
}
