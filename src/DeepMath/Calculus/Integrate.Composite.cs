namespace DeepMath.Calculus;

public static partial class Integrate
{
    /// <summary>Composite trapezoid rule with <paramref name="intervals"/> equal panels on a finite interval.</summary>
    /// <param name="f">The integrand.</param>
    /// <param name="a">Finite lower limit.</param>
    /// <param name="b">Finite upper limit (a &gt; b gives the negated integral).</param>
    /// <param name="intervals">Number of panels (&gt;= 1).</param>
    /// <returns>The trapezoid estimate; error is O(h^2).</returns>
    public static double Trapezoid(Func<double, double> f, double a, double b, int intervals)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckFiniteLimits(a, b);
        Guard.AtLeast(intervals, 1, nameof(intervals));
        var h = (b - a) / intervals;
        var sum = new NeumaierSum();
        sum.Add(0.5 * (f(a) + f(b)));
        for (var i = 1; i < intervals; i++)
        {
            sum.Add(f(Math.FusedMultiplyAdd(i, h, a)));
        }

        return h * sum.Value;
    }

    /// <summary>Composite Simpson rule with an even number of equal panels on a finite interval.</summary>
    /// <param name="f">The integrand.</param>
    /// <param name="a">Finite lower limit.</param>
    /// <param name="b">Finite upper limit (a &gt; b gives the negated integral).</param>
    /// <param name="intervals">Number of panels; must be even and at least 2.</param>
    /// <returns>The Simpson estimate; exact for cubics, error O(h^4).</returns>
    public static double Simpson(Func<double, double> f, double a, double b, int intervals)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckFiniteLimits(a, b);
        Guard.AtLeast(intervals, 2, nameof(intervals));
        if ((intervals & 1) != 0)
        {
            throw new ArgumentException($"intervals must be even for Simpson's rule, but was {intervals}.", nameof(intervals));
        }

        var h = (b - a) / intervals;
        var sum = new NeumaierSum();
        sum.Add(f(a) + f(b));
        for (var i = 1; i < intervals; i++)
        {
            sum.Add(((i & 1) == 1 ? 4.0 : 2.0) * f(Math.FusedMultiplyAdd(i, h, a)));
        }

        return h / 3 * sum.Value;
    }

    /// <summary>
    /// Romberg integration: trapezoid sums on 1, 2, 4, ... panels (reusing earlier points) extrapolated
    /// with Richardson's h^2 series. Converged when the last two diagonal entries differ by at most
    /// <paramref name="tolerance"/> * max(1, |estimate|), i.e. the tolerance is relative for integrals
    /// larger than one and absolute below; at least three levels (8 panels) are always used so that a
    /// coarse grid cannot agree with itself by accident. Suited to smooth integrands on finite intervals.
    /// <see cref="ConvergenceException.Iterations"/> is the number of levels.
    /// </summary>
    /// <param name="f">The integrand.</param>
    /// <param name="a">Finite lower limit.</param>
    /// <param name="b">Finite upper limit (a &gt; b gives the negated integral).</param>
    /// <param name="tolerance">Error target (&gt;= 0).</param>
    /// <param name="maxLevels">Maximum number of halvings (1 to 30); level k uses 2^k panels.</param>
    /// <param name="throwOnFailure">Throw <see cref="ConvergenceException"/> instead of returning an unconverged result.</param>
    /// <returns>The integral, its error estimate, the evaluation count and whether the target was met.</returns>
    public static IntegrationResult Romberg(
        Func<double, double> f, double a, double b, double tolerance = 1e-10, int maxLevels = 20, bool throwOnFailure = true)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckFiniteLimits(a, b);
        Guard.Tolerance(tolerance, nameof(tolerance));
        Guard.AtLeast(maxLevels, 1, nameof(maxLevels));
        if (maxLevels > 30)
        {
            throw new ArgumentException($"maxLevels must be at most 30, but was {maxLevels}.", nameof(maxLevels));
        }

        if (a == b)
        {
            return new IntegrationResult(0, 0, 0, true);
        }

        var previous = new double[maxLevels + 1];
        var current = new double[maxLevels + 1];
        var h = b - a;
        previous[0] = 0.5 * h * (f(a) + f(b));
        var evaluations = 2;
        var error = double.PositiveInfinity;
        var minimumLevels = Math.Min(3, maxLevels);
        for (var k = 1; k <= maxLevels; k++)
        {
            h *= 0.5;
            var newPoints = new NeumaierSum();
            var count = 1 << (k - 1);
            for (var i = 0; i < count; i++)
            {
                newPoints.Add(f(Math.FusedMultiplyAdd((2 * i) + 1, h, a)));
            }

            evaluations += count;
            current[0] = Math.FusedMultiplyAdd(h, newPoints.Value, 0.5 * previous[0]);
            var factor = 1.0;
            for (var j = 1; j <= k; j++)
            {
                factor *= 4;
                current[j] = current[j - 1] + ((current[j - 1] - previous[j - 1]) / (factor - 1));
            }

            var estimate = current[k];
            if (!double.IsFinite(estimate))
            {
                return Finish(new IntegrationResult(double.NaN, double.NaN, evaluations, false), throwOnFailure, nameof(Romberg), k);
            }

            error = Math.Abs(estimate - previous[k - 1]);
            if (k >= minimumLevels && error <= tolerance * Math.Max(1, Math.Abs(estimate)))
            {
                return new IntegrationResult(estimate, error, evaluations, true);
            }

            (previous, current) = (current, previous);
        }

        var unconverged = new IntegrationResult(previous[maxLevels], error, evaluations, false);
        return Finish(unconverged, throwOnFailure, nameof(Romberg), maxLevels);
    }
}
