namespace DeepMath.Calculus;

/// <summary>
/// Root finding for scalar functions: bracketing methods (Brent, bisection, safeguarded Newton) that
/// always converge on a sign change, and plain damped Newton for when only a starting guess is known.
/// Tolerances are absolute in x; a floor of 4 eps |x| is added because nothing finer is representable.
/// </summary>
public static partial class FindRoot
{
    /// <summary>
    /// Brent's method: inverse quadratic interpolation or secant steps when they behave, bisection when
    /// they do not, so it converges superlinearly on smooth functions and never slower than bisection
    /// by more than a small factor. Stops when the bracket half-width is at most tolerance/2 + 2 eps |x|.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="lower">One end of the bracket.</param>
    /// <param name="upper">The other end; f(lower) and f(upper) must differ in sign (or one be zero).</param>
    /// <param name="tolerance">Absolute tolerance in x (&gt;= 0).</param>
    /// <param name="maxIterations">Iteration cap (&gt;= 1).</param>
    /// <param name="throwOnFailure">Throw <see cref="ConvergenceException"/> instead of returning an unconverged result.</param>
    /// <returns>The root, f there, the iteration count, convergence and the path of iterates.</returns>
    public static RootResult Brent(
        Func<double, double> f, double lower, double upper, double tolerance = 1e-12, int maxIterations = 200, bool throwOnFailure = true)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckArguments(lower, upper, tolerance, maxIterations);
        var (fa, fb) = CheckBracket(f, lower, upper);
        var path = new List<double> { lower, upper };
        if (fa == 0)
        {
            return new RootResult(lower, fa, 0, true, path);
        }

        if (fb == 0)
        {
            return new RootResult(upper, fb, 0, true, path);
        }

        // b is the best estimate, a the previous one, c the point that keeps the sign change with b.
        double a = lower, b = upper, c = upper, fc = fb;
        double d = b - a, e = d;
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            if ((fb > 0) == (fc > 0))
            {
                c = a;
                fc = fa;
                d = b - a;
                e = d;
            }

            if (Math.Abs(fc) < Math.Abs(fb))
            {
                (a, b, c) = (b, c, b);
                (fa, fb, fc) = (fb, fc, fb);
            }

            var tol1 = (2 * Precision.MachineEpsilon * Math.Abs(b)) + (0.5 * tolerance);
            var half = 0.5 * (c - b);
            if (Math.Abs(half) <= tol1 || fb == 0)
            {
                if (path[^1] != b)
                {
                    // The best point may be an earlier iterate after the swap above; end the path on it.
                    path.Add(b);
                }

                return new RootResult(b, fb, iteration - 1, true, path);
            }

            if (Math.Abs(e) >= tol1 && Math.Abs(fa) > Math.Abs(fb))
            {
                double p, q;
                var s = fb / fa;
                if (a == c)
                {
                    // Only two distinct points: secant step.
                    p = 2 * half * s;
                    q = 1 - s;
                }
                else
                {
                    // Inverse quadratic interpolation through (a, fa), (b, fb), (c, fc).
                    var qa = fa / fc;
                    var r = fb / fc;
                    p = s * ((2 * half * qa * (qa - r)) - ((b - a) * (r - 1)));
                    q = (qa - 1) * (r - 1) * (s - 1);
                }

                if (p > 0)
                {
                    q = -q;
                }
                else
                {
                    p = -p;
                }

                // Accept the interpolation only if it lands well inside the bracket and the steps keep shrinking.
                if (2 * p < Math.Min((3 * half * q) - Math.Abs(tol1 * q), Math.Abs(e * q)))
                {
                    e = d;
                    d = p / q;
                }
                else
                {
                    d = half;
                    e = d;
                }
            }
            else
            {
                d = half;
                e = d;
            }

            a = b;
            fa = fb;
            b += Math.Abs(d) > tol1 ? d : Math.CopySign(tol1, half);
            fb = f(b);
            path.Add(b);
            if (double.IsNaN(fb))
            {
                return Fail(nameof(Brent), "f returned NaN", a, fa, Math.Abs(c - a), iteration, path, throwOnFailure);
            }
        }

        return Fail(nameof(Brent), "the iteration cap was reached", b, fb, Math.Abs(c - b), maxIterations, path, throwOnFailure);
    }

    /// <summary>
    /// Bisection: halves the bracket until its width is at most tolerance + 4 eps |x| or it cannot be
    /// split further. Slow (one bit per step) but needs nothing beyond a sign change.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="lower">One end of the bracket.</param>
    /// <param name="upper">The other end; f(lower) and f(upper) must differ in sign (or one be zero).</param>
    /// <param name="tolerance">Absolute tolerance in x (&gt;= 0).</param>
    /// <param name="maxIterations">Iteration cap (&gt;= 1).</param>
    /// <param name="throwOnFailure">Throw <see cref="ConvergenceException"/> instead of returning an unconverged result.</param>
    /// <returns>The bracket end with the smaller |f|, f there, the iteration count, convergence and the path of midpoints.</returns>
    public static RootResult Bisection(
        Func<double, double> f, double lower, double upper, double tolerance = 1e-12, int maxIterations = 200, bool throwOnFailure = true)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckArguments(lower, upper, tolerance, maxIterations);
        var (fLow, fHigh) = CheckBracket(f, lower, upper);
        double low = lower, high = upper;
        if (low > high)
        {
            (low, high, fLow, fHigh) = (high, low, fHigh, fLow);
        }

        var path = new List<double> { low, high };
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            if (fLow == 0 || fHigh == 0 || high - low <= tolerance + (4 * Precision.MachineEpsilon * Math.Max(Math.Abs(low), Math.Abs(high))))
            {
                return Better(low, fLow, high, fHigh, iteration - 1, true, path);
            }

            var mid = low + (0.5 * (high - low));
            if (mid <= low || mid >= high)
            {
                return Better(low, fLow, high, fHigh, iteration - 1, true, path);
            }

            var fMid = f(mid);
            path.Add(mid);
            if (double.IsNaN(fMid))
            {
                return Fail(nameof(Bisection), "f returned NaN", mid, fMid, high - low, iteration, path, throwOnFailure);
            }

            if ((fMid > 0) == (fLow > 0) && fMid != 0)
            {
                low = mid;
                fLow = fMid;
            }
            else
            {
                high = mid;
                fHigh = fMid;
            }
        }

        var done = fLow == 0 || fHigh == 0 || high - low <= tolerance + (4 * Precision.MachineEpsilon * Math.Max(Math.Abs(low), Math.Abs(high)));
        if (done)
        {
            return Better(low, fLow, high, fHigh, maxIterations, true, path);
        }

        var best = Better(low, fLow, high, fHigh, maxIterations, false, path);
        return Fail(nameof(Bisection), "the iteration cap was reached", best.Root, best.FunctionValue, high - low, maxIterations, path, throwOnFailure);
    }

    private static RootResult Better(double x1, double f1, double x2, double f2, int iterations, bool converged, List<double> path) =>
        Math.Abs(f1) <= Math.Abs(f2)
            ? new RootResult(x1, f1, iterations, converged, path)
            : new RootResult(x2, f2, iterations, converged, path);

    private static void CheckArguments(double lower, double upper, double tolerance, int maxIterations)
    {
        Guard.Finite(lower, nameof(lower));
        Guard.Finite(upper, nameof(upper));
        Guard.Tolerance(tolerance, nameof(tolerance));
        Guard.AtLeast(maxIterations, 1, nameof(maxIterations));
    }

    /// <summary>Evaluates f at both ends and insists on a sign change, naming the interval and values otherwise.</summary>
    private static (double FLower, double FUpper) CheckBracket(Func<double, double> f, double lower, double upper)
    {
        var fLower = f(lower);
        var fUpper = f(upper);
        var bracketed = !double.IsNaN(fLower) && !double.IsNaN(fUpper)
            && (fLower == 0 || fUpper == 0 || (fLower > 0) != (fUpper > 0));
        if (!bracketed)
        {
            throw new ArgumentException(
                $"The interval [{Guard.Format(lower)}, {Guard.Format(upper)}] does not bracket a root: " +
                $"f(lower) = {Guard.Format(fLower)} and f(upper) = {Guard.Format(fUpper)} must have opposite signs.",
                nameof(upper));
        }

        return (fLower, fUpper);
    }

    private static RootResult Fail(
        string method, string reason, double root, double value, double error, int iterations, List<double> path, bool throwOnFailure)
    {
        if (throwOnFailure)
        {
            throw new ConvergenceException(
                $"{method} did not converge: {reason} after {iterations} iterations (best x = {Guard.Format(root)}, f = {Guard.Format(value)}).",
                root,
                error,
                iterations);
        }

        return new RootResult(root, value, iterations, false, path);
    }
}
