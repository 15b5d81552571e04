namespace DeepMath.Calculus;

public static partial class Integrate
{
    /// <summary>
    /// Double exponential quadrature: tanh-sinh on finite intervals, exp-sinh on half-infinite ones and
    /// sinh-sinh on the whole line. The substitution makes the integrand decay double exponentially
    /// at the ends of the parameter range, so integrable endpoint singularities such as 1/sqrt(x) or
    /// log(x) on [0, 1] converge as fast as smooth integrands. The trapezoid step is halved each level
    /// and the method stops when two successive estimates differ by at most
    /// <paramref name="tolerance"/> times the estimated integral of |f| (at least three levels are used).
    /// </summary>
    /// <remarks>
    /// On finite intervals, nodes near an end are formed as <c>a + d</c> or <c>b - d</c>, where the distance
    /// d = (b - a) e/(1 + e), e = exp(-2u), is computed directly instead of as (b - a)/2 * (1 - tanh u),
    /// which would cancel catastrophically; so for a = 0 the integrand sees the true tiny x. Nodes that
    /// round onto an endpoint are dropped; with a singularity at a nonzero endpoint f(x) itself loses
    /// accuracy there (x - a cancels), so use <see cref="DoubleExponentialWithDistance"/>. The error estimate is
    /// the last change between levels plus the size of the last tail term kept (large when a tail had to be
    /// cut because the substitution overflowed before the terms became negligible). <see cref="ConvergenceException.Iterations"/> is the number of levels.
    /// </remarks>
    /// <param name="f">The integrand; it is never evaluated at a finite endpoint.</param>
    /// <param name="a">Lower limit (may be infinite).</param>
    /// <param name="b">Upper limit (may be infinite); a &gt; b negates the integral.</param>
    /// <param name="tolerance">Relative tolerance (&gt;= 0), measured against the integral of |f|.</param>
    /// <param name="maxLevels">Maximum number of step halvings (1 to 20).</param>
    /// <param name="throwOnFailure">Throw <see cref="ConvergenceException"/> instead of returning an unconverged result.</param>
    /// <returns>The integral, its error estimate, the evaluation count and whether the target was met.</returns>
    public static IntegrationResult DoubleExponential(
        Func<double, double> f,
        double a,
        double b,
        double tolerance = 1e-12,
        int maxLevels = 12,
        bool throwOnFailure = true)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckLimits(a, b);
        return DoubleExponentialCore((x, _) => f(x), a, b, tolerance, maxLevels, throwOnFailure, skipCoincident: true);
    }

    /// <summary>
    /// Tanh-sinh quadrature on a finite interval for integrands whose singularity must be resolved
    /// closer to an endpoint than the endpoint's own rounding allows: <paramref name="f"/> receives both
    /// the node x and its exact distance to the nearer endpoint (x - a in the lower half, b - x in the upper
    /// half), so 1/sqrt(x - 1) on [1, 2] can be written as (x, d) =&gt; 1/sqrt(d) near a.
    /// </summary>
    /// <param name="f">The integrand, given (x, distance to the nearer endpoint).</param>
    /// <param name="a">Finite lower limit.</param>
    /// <param name="b">Finite upper limit; a &gt; b negates the integral.</param>
    /// <param name="tolerance">Relative tolerance (&gt;= 0), measured against the integral of |f|.</param>
    /// <param name="maxLevels">Maximum number of step halvings (1 to 20).</param>
    /// <param name="throwOnFailure">Throw <see cref="ConvergenceException"/> instead of returning an unconverged result.</param>
    /// <returns>The integral, its error estimate, the evaluation count and whether the target was met.</returns>
    public static IntegrationResult DoubleExponentialWithDistance(
        Func<double, double, double> f,
        double a,
        double b,
        double tolerance = 1e-12,
        int maxLevels = 12,
        bool throwOnFailure = true)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckFiniteLimits(a, b);
        return DoubleExponentialCore(f, a, b, tolerance, maxLevels, throwOnFailure, skipCoincident: false);
    }

    private enum DoubleExponentialKind
    {
        Finite,
        UpperInfinite,
        LowerInfinite,
        WholeLine,
    }

    private enum NodeStatus
    {
        Ok,
        Outside,
        NonFinite,
    }

    private static IntegrationResult DoubleExponentialCore(
        Func<double, double, double> f, double a, double b, double tolerance, int maxLevels, bool throwOnFailure, bool skipCoincident)
    {
        Guard.Tolerance(tolerance, nameof(tolerance));
        Guard.AtLeast(maxLevels, 1, nameof(maxLevels));
        if (maxLevels > 20)
        {
            throw new ArgumentException($"maxLevels must be at most 20, but was {maxLevels}.", nameof(maxLevels));
        }

        if (a == b)
        {
            return new IntegrationResult(0, 0, 0, true);
        }

        var sign = 1.0;
        if (a > b)
        {
            (a, b) = (b, a);
            sign = -1.0;
        }

        if (double.IsFinite(a) && double.IsFinite(b) && !double.IsFinite(b - a))
        {
            throw new ArgumentException($"The interval [{Guard.Format(a)}, {Guard.Format(b)}] is too wide to represent its length.", nameof(b));
        }

        var kind = (double.IsFinite(a), double.IsFinite(b)) switch
        {
            (true, true) => DoubleExponentialKind.Finite,
            (true, false) => DoubleExponentialKind.UpperInfinite,
            (false, true) => DoubleExponentialKind.LowerInfinite,
            _ => DoubleExponentialKind.WholeLine,
        };
        var (result, levels) = TanhSinhLevels(kind, a, b, f, skipCoincident, tolerance, maxLevels);
        result = result with { Value = sign * result.Value };
        return Finish(result, throwOnFailure, nameof(DoubleExponential), levels);
    }

    private static (IntegrationResult Result, int Levels) TanhSinhLevels(
        DoubleExponentialKind kind, double a, double b, Func<double, double, double> f, bool skipCoincident, double tolerance, int maxLevels)
    {
        // A tail term this small relative to the running integral of |f| no longer matters.
        const double negligible = 1e-18;
        // Beyond t = 7 every substitution has underflowed or overflowed.
        const int maxIndex = 7;
        var evaluations = 0;
        var sum = new NeumaierSum();
        var absoluteSum = 0.0;

        NodeStatus Evaluate(double t, out double term)
        {
            term = 0;
            if (!TryDoubleExponentialNode(kind, a, b, t, out var x, out var distance, out var weight))
            {
                return NodeStatus.Outside;
            }

            if (skipCoincident && (x == a || x == b))
            {
                // The node rounded onto the endpoint, where f may be singular; its weight is below the
                // endpoint's rounding, so it is dropped (counted as a zero term) and the tail goes on.
                return NodeStatus.Ok;
            }

            evaluations++;
            term = weight * f(x, distance);
            return double.IsFinite(term) ? NodeStatus.Ok : NodeStatus.NonFinite;
        }

        IntegrationResult Failed() => new(double.NaN, double.NaN, evaluations, false);

        if (Evaluate(0, out var centre) != NodeStatus.Ok)
        {
            return (Failed(), 0);
        }

        sum.Add(centre);
        absoluteSum += Math.Abs(centre);

        // Level 0 (step 1) fixes how far each tail is followed; finer levels stay inside those limits
        // so that successive estimates differ only by discretisation, not by truncation.
        Span<int> limits = stackalloc int[2];
        var truncation = 0.0;
        for (var side = 0; side < 2; side++)
        {
            var direction = side == 0 ? 1.0 : -1.0;
            var previousNegligible = false;
            var lastTerm = 0.0;
            for (var k = 1; k <= maxIndex; k++)
            {
                var status = Evaluate(direction * k, out var term);
                if (status == NodeStatus.Outside)
                {
                    break;
                }

                if (status == NodeStatus.NonFinite)
                {
                    return (Failed(), 0);
                }

                sum.Add(term);
                absoluteSum += Math.Abs(term);
                limits[side] = k;
                lastTerm = Math.Abs(term);
                var isNegligible = lastTerm <= negligible * absoluteSum;
                if (isNegligible && previousNegligible)
                {
                    break;
                }

                previousNegligible = isNegligible;
            }

            truncation += lastTerm;
        }

        var step = 1.0;
        var estimate = sum.Value;
        var error = double.PositiveInfinity;
        var minimumLevels = Math.Min(3, maxLevels);
        for (var level = 1; level <= maxLevels; level++)
        {
            step *= 0.5;
            for (var side = 0; side < 2; side++)
            {
                var direction = side == 0 ? 1.0 : -1.0;
                for (var j = 1; ; j += 2)
                {
                    var t = j * step;
                    if (t > limits[side])
                    {
                        break;
                    }

                    var status = Evaluate(direction * t, out var term);
                    if (status == NodeStatus.NonFinite)
                    {
                        return (Failed(), level);
                    }

                    sum.Add(term);
                    absoluteSum += Math.Abs(term);
                }
            }

            var previous = estimate;
            estimate = step * sum.Value;
            error = Math.Abs(estimate - previous) + truncation;
            if (level >= minimumLevels && error <= tolerance * step * absoluteSum)
            {
                error += NodeRounding(step, limits[0], limits[1]);
                return (new IntegrationResult(estimate, error, evaluations, error <= tolerance * step * absoluteSum), level);
            }
        }

        error += NodeRounding(step, limits[0], limits[1]);
        return (new IntegrationResult(estimate, error, evaluations, false), maxLevels);

        // Nodes within 2^20 ulps of a finite end are rounded to doubles before f sees them: each may be off by
        // as much as f changes over one ulp, which no level-to-level difference reveals (1/sqrt(1 - x^2) at 1
        // is only good to about 1e-8). Callers of the distance form get exact distances and skip this.
        double NodeRounding(double h, int positiveLimit, int negativeLimit)
        {
            if (!skipCoincident || kind == DoubleExponentialKind.WholeLine)
            {
                return 0;
            }

            var rounding = new NeumaierSum();
            for (var side = 0; side < 2; side++)
            {
                var direction = side == 0 ? 1.0 : -1.0;
                for (double t = side == 0 ? positiveLimit : negativeLimit; t > 0; t -= h)
                {
                    if (!TryDoubleExponentialNode(kind, a, b, direction * t, out var x, out var distance, out var weight))
                    {
                        continue;
                    }

                    var ulp = Math.BitIncrement(Math.Abs(x)) - Math.Abs(x);
                    if (!(distance < Math.ScaleB(ulp, 20)) || !double.IsFinite(x))
                    {
                        break; // farther in, rounding x costs nothing measurable
                    }

                    var inward = direction * (kind == DoubleExponentialKind.UpperInfinite ? -1 : 1) > 0 ? Math.BitDecrement(x) : Math.BitIncrement(x);
                    evaluations += 2;
                    var change = Math.Abs(f(inward, distance) - f(x, distance));
                    if (double.IsFinite(change))
                    {
                        rounding.Add(h * weight * change);
                    }
                }
            }

            return rounding.Value;
        }
    }

    /// <summary>Node, distance to the finite end it approaches, and weight for parameter t.</summary>
    private static bool TryDoubleExponentialNode(
        DoubleExponentialKind kind, double a, double b, double t, out double x, out double distance, out double weight)
    {
        const double halfPi = Math.PI / 2;
        switch (kind)
        {
            case DoubleExponentialKind.Finite:
            {
                // x = tanh(u) on [-1, 1], u = pi/2 sinh t; with e = exp(-2u) both the distance to the
                // end, (b - a) e/(1 + e), and the weight, (b - a) pi cosh t e/(1 + e)^2, stay accurate.
                var u = halfPi * Math.Sinh(Math.Abs(t));
                var e = Math.Exp(-2 * u);
                var onePlus = 1 + e;
                var width = b - a;
                distance = width * (e / onePlus);
                weight = width * Math.PI * Math.Cosh(t) * (e / (onePlus * onePlus));
                x = t < 0 ? a + distance : t > 0 ? b - distance : a + (0.5 * width);
                return distance > 0 && weight > 0 && double.IsFinite(weight);
            }

            case DoubleExponentialKind.UpperInfinite:
            case DoubleExponentialKind.LowerInfinite:
            {
                // x = a + exp(u) (or b - exp(u)): the lower tail resolves an endpoint singularity,
                // the upper tail reaches far enough for decaying integrands.
                var s = Math.Exp(halfPi * Math.Sinh(t));
                distance = s;
                weight = halfPi * Math.Cosh(t) * s;
                x = kind == DoubleExponentialKind.UpperInfinite ? a + s : b - s;
                return s > 0 && double.IsFinite(x) && double.IsFinite(weight);
            }

            default:
            {
                var u = halfPi * Math.Sinh(t);
                x = Math.Sinh(u);
                distance = double.PositiveInfinity;
                weight = halfPi * Math.Cosh(t) * Math.Cosh(u);
                return double.IsFinite(x) && double.IsFinite(weight);
            }
        }
    }
}
