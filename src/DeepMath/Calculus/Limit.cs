namespace DeepMath.Calculus;

/// <summary>
/// Numerical limits. f is sampled at x0 ± h_k with h_k = 0.1 max(1, |x0|) / 2^k (at most 40 terms,
/// never at x0, stopping once x0 ± h rounds to x0), then the sequence is classified: unbounded
/// monotone growth gives ±infinity; otherwise Richardson (Neville) extrapolation and Wynn's epsilon
/// algorithm both run and the entry whose neighbouring entries agree best is taken. A finite limit is
/// reported only when that agreement is within tolerance times the magnitude of the sampled values; a
/// sequence that settles to within a thousandth of that size but not to the tolerance gives
/// <see cref="LimitKind.NotConverged"/> with the best estimate, and oscillation such as sin(1/x)
/// gives <see cref="LimitKind.DoesNotExist"/>. Every function is evaluated at most 40 times per side.
/// </summary>
public static class Limit
{
    private const int MaxTerms = 40;

    /// <summary>Samples before AtInfinity may stop early: enough for the extrapolation table to mean something.</summary>
    private const int MinSamplesBeforeStopping = 8;

    /// <summary>The limit of f(x) as x approaches the finite point <paramref name="x0"/>.</summary>
    /// <param name="f">The function; it is never evaluated at <paramref name="x0"/> itself.</param>
    /// <param name="x0">The finite limit point (use <see cref="AtInfinity"/> for ±infinity).</param>
    /// <param name="direction">Which side(s) to approach from.</param>
    /// <param name="tolerance">Relative tolerance (&gt; 0) against the magnitude of the sampled values.</param>
    /// <returns>
    /// The limit. Two-sided, finite one-sided limits must agree within their errors plus tolerance times their
    /// size, and infinite ones must share a sign; otherwise the kind is DoesNotExist with Left and Right filled
    /// (1/x at 0 gives Left = -infinity, Right = +infinity).
    /// </returns>
    public static LimitResult At(Func<double, double> f, double x0, LimitDirection direction = LimitDirection.TwoSided, double tolerance = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!double.IsFinite(x0))
        {
            throw new ArgumentException($"x0 must be finite (use Limit.AtInfinity for infinite points), but was {Guard.Format(x0)}.", nameof(x0));
        }

        Guard.PositiveTolerance(tolerance, nameof(tolerance));
        if (!Enum.IsDefined(direction))
        {
            throw new ArgumentException($"Unknown limit direction {(int)direction}.", nameof(direction));
        }

        var initialStep = 0.1 * Math.Max(1, Math.Abs(x0));
        switch (direction)
        {
            case LimitDirection.FromAbove:
            {
                var right = OneSided(f, x0, initialStep, 1, tolerance);
                return new LimitResult(right.Value, right.Error, right.Kind, double.NaN, right.Value);
            }

            case LimitDirection.FromBelow:
            {
                var left = OneSided(f, x0, initialStep, -1, tolerance);
                return new LimitResult(left.Value, left.Error, left.Kind, left.Value, double.NaN);
            }

            default:
                return Combine(OneSided(f, x0, initialStep, -1, tolerance), OneSided(f, x0, initialStep, 1, tolerance), tolerance);
        }
    }

    /// <summary>
    /// The limit of f(x) as x goes to +infinity (or -infinity): f is sampled at x_k = ±10 * 2^k and the
    /// sequence is treated as a function of t = 1/|x| approaching 0, with the same extrapolation and
    /// divergence detection as <see cref="At"/>. At most 40 samples (x up to 5.5e12); sampling stops as
    /// soon as two successive analyses agree on a converged limit, usually after 10 to 15 samples.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="positive">True for x to +infinity, false for x to -infinity.</param>
    /// <param name="tolerance">Relative tolerance (&gt; 0) against the magnitude of the sampled values.</param>
    /// <returns>The limit; Left and Right are NaN.</returns>
    public static LimitResult AtInfinity(Func<double, double> f, bool positive = true, double tolerance = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.PositiveTolerance(tolerance, nameof(tolerance));
        var steps = new double[MaxTerms];
        var values = new double[MaxTerms];
        var count = 0;
        var previous = double.NaN;
        for (var k = 0; k < MaxTerms; k++)
        {
            var x = Math.ScaleB(positive ? 10.0 : -10.0, k);
            if (!Collect(f(x), 1 / Math.Abs(x), steps, values, ref count))
            {
                break;
            }

            // Stop sampling once two successive analyses agree on a converged limit: f may be costly far out
            // (a partial sum of x terms, say), and the extra samples cannot improve a settled answer.
            if (count >= MinSamplesBeforeStopping)
            {
                var interim = SequenceLimit.Analyze(steps.AsSpan(0, count), values.AsSpan(0, count), tolerance);
                var settled = interim.Kind == LimitKind.Finite && interim.Error <= tolerance * Math.Max(Math.Abs(interim.Value), double.Epsilon);
                if (settled && Math.Abs(interim.Value - previous) <= interim.Error)
                {
                    break;
                }

                previous = settled ? interim.Value : double.NaN;
            }
        }

        var estimate = SequenceLimit.Analyze(steps.AsSpan(0, count), values.AsSpan(0, count), tolerance);
        return new LimitResult(estimate.Value, estimate.Error, estimate.Kind, double.NaN, double.NaN);
    }

    private static SequenceLimitEstimate OneSided(Func<double, double> f, double x0, double initialStep, int side, double tolerance)
    {
        var steps = new double[MaxTerms];
        var values = new double[MaxTerms];
        var count = 0;
        for (var k = 0; k < MaxTerms; k++)
        {
            var x = x0 + (side * Math.ScaleB(initialStep, -k));
            // The actual offset is what Neville's recurrence needs; it is exact for representable x.
            var step = Math.Abs(x - x0);
            if (step == 0)
            {
                break;
            }

            if (!Collect(f(x), step, steps, values, ref count))
            {
                break;
            }
        }

        return SequenceLimit.Analyze(steps.AsSpan(0, count), values.AsSpan(0, count), tolerance);
    }

    /// <summary>Stores one sample; returns false when sampling should stop.</summary>
    private static bool Collect(double value, double step, double[] steps, double[] values, ref int count)
    {
        if (double.IsNaN(value))
        {
            // NaN before any valid sample means the domain starts closer in; after one, it ends the sequence.
            return count == 0;
        }

        steps[count] = step;
        values[count] = value;
        count++;
        return !double.IsInfinity(value);
    }

    private static LimitResult Combine(SequenceLimitEstimate left, SequenceLimitEstimate right, double tolerance)
    {
        if (left.Kind == LimitKind.Finite && right.Kind == LimitKind.Finite)
        {
            var gap = Math.Abs(left.Value - right.Value);
            var allowed = left.Error + right.Error + (tolerance * Math.Max(Math.Abs(left.Value), Math.Abs(right.Value)));
            if (gap <= allowed)
            {
                var value = 0.5 * (left.Value + right.Value);
                return new LimitResult(value, Math.Max(left.Error, right.Error) + (0.5 * gap), LimitKind.Finite, left.Value, right.Value);
            }

            return new LimitResult(double.NaN, gap, LimitKind.DoesNotExist, left.Value, right.Value);
        }

        // One or both sides settled without reaching the tolerance: not converged if the sides still agree within their errors.
        if (left.Kind is LimitKind.Finite or LimitKind.NotConverged && right.Kind is LimitKind.Finite or LimitKind.NotConverged)
        {
            var gap = Math.Abs(left.Value - right.Value);
            var error = Math.Max(left.Error, right.Error) + (0.5 * gap);
            return gap <= left.Error + right.Error + (tolerance * Math.Max(Math.Abs(left.Value), Math.Abs(right.Value)))
                ? new LimitResult(0.5 * (left.Value + right.Value), error, LimitKind.NotConverged, left.Value, right.Value)
                : new LimitResult(double.NaN, gap, LimitKind.DoesNotExist, left.Value, right.Value);
        }

        if (left.Kind == right.Kind && left.Kind is LimitKind.PositiveInfinity or LimitKind.NegativeInfinity)
        {
            return new LimitResult(left.Value, 0, left.Kind, left.Value, right.Value);
        }

        return new LimitResult(double.NaN, double.PositiveInfinity, LimitKind.DoesNotExist, left.Value, right.Value);
    }
}
