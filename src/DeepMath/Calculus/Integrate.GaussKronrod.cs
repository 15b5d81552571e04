namespace DeepMath.Calculus;

public static partial class Integrate
{
    /// <summary>
    /// Globally adaptive G7-K15 quadrature (the QUADPACK QAG strategy without extrapolation): panels
    /// are kept in a max-heap keyed by error estimate and the worst one is bisected until the summed
    /// error is at most max(<paramref name="absoluteTolerance"/>, <paramref name="relativeTolerance"/> * |integral|)
    /// or <paramref name="maxIntervals"/> panels exist. Infinite limits are mapped to finite ones
    /// (see remarks). The per-panel error estimate is QUADPACK's rescaled |K15 - G7|.
    /// </summary>
    /// <remarks>
    /// [a, +inf) uses x = a + t/(1-t), (-inf, b] uses x = b - t/(1-t), (-inf, +inf) uses x = t/(1-t^2);
    /// Kronrod nodes never touch panel ends, so the singular ends of the maps are never evaluated.
    /// If the integrand returns NaN or an infinity the value is NaN and the result is unconverged.
    /// <see cref="ConvergenceException.Iterations"/> is the number of panels.
    /// </remarks>
    /// <param name="f">The integrand.</param>
    /// <param name="a">Lower limit (may be infinite).</param>
    /// <param name="b">Upper limit (may be infinite); a &gt; b negates the integral.</param>
    /// <param name="absoluteTolerance">Absolute error target (&gt;= 0).</param>
    /// <param name="relativeTolerance">Relative error target (&gt;= 0).</param>
    /// <param name="maxIntervals">Maximum number of panels (&gt;= 1).</param>
    /// <param name="throwOnFailure">Throw <see cref="ConvergenceException"/> instead of returning an unconverged result.</param>
    /// <returns>The integral, its error estimate, the evaluation count and whether the target was met.</returns>
    public static IntegrationResult GaussKronrod(
        Func<double, double> f,
        double a,
        double b,
        double absoluteTolerance = 1e-10,
        double relativeTolerance = 1e-10,
        int maxIntervals = 1000,
        bool throwOnFailure = true)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckLimits(a, b);
        Guard.Tolerance(absoluteTolerance, nameof(absoluteTolerance));
        Guard.Tolerance(relativeTolerance, nameof(relativeTolerance));
        Guard.AtLeast(maxIntervals, 1, nameof(maxIntervals));
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

        var g = InfiniteRange.Map(f, a, b, out var lower, out var upper);
        var (result, panels) = AdaptiveGaussKronrod(g, lower, upper, absoluteTolerance, relativeTolerance, maxIntervals);
        result = result with { Value = sign * result.Value };
        return Finish(result, throwOnFailure, nameof(GaussKronrod), panels);
    }

    private readonly record struct Panel(double A, double B, double Value, double Error);

    private static (IntegrationResult Result, int Panels) AdaptiveGaussKronrod(
        Func<double, double> g, double lower, double upper, double absoluteTolerance, double relativeTolerance, int maxIntervals)
    {
        var heap = new PriorityQueue<Panel, double>();
        var frozen = new List<Panel>();
        var first = GaussKronrodRule.Apply(g, lower, upper);
        var evaluations = 15;
        if (!double.IsFinite(first.Kronrod))
        {
            return (new IntegrationResult(double.NaN, double.NaN, evaluations, false), 1);
        }

        heap.Enqueue(new Panel(lower, upper, first.Kronrod, first.Error), -first.Error);
        var total = first.Kronrod;
        var totalError = first.Error;
        while (true)
        {
            if (totalError <= Math.Max(absoluteTolerance, relativeTolerance * Math.Abs(total)))
            {
                // The running sums drift; confirm with exact compensated sums before stopping.
                (total, totalError) = Totals(heap, frozen);
                if (totalError <= Math.Max(absoluteTolerance, relativeTolerance * Math.Abs(total)))
                {
                    // Panels narrow enough that rounding their nodes matters: add what that can cost.
                    var (rounding, probes) = NodeRounding(g, heap, frozen);
                    evaluations += probes;
                    totalError += rounding;
                    var met = totalError <= Math.Max(absoluteTolerance, relativeTolerance * Math.Abs(total));
                    return (new IntegrationResult(total, totalError, evaluations, met), heap.Count + frozen.Count);
                }
            }

            if (heap.Count == 0 || heap.Count + frozen.Count >= maxIntervals)
            {
                break;
            }

            var worst = heap.Dequeue();
            var mid = worst.A + (0.5 * (worst.B - worst.A));
            if (!(worst.A < mid && mid < worst.B))
            {
                // Too narrow to split in double precision: its error is as small as it will get.
                frozen.Add(worst);
                continue;
            }

            var left = GaussKronrodRule.Apply(g, worst.A, mid);
            var right = GaussKronrodRule.Apply(g, mid, worst.B);
            evaluations += 30;
            if (!double.IsFinite(left.Kronrod) || !double.IsFinite(right.Kronrod))
            {
                return (new IntegrationResult(double.NaN, double.NaN, evaluations, false), heap.Count + frozen.Count + 2);
            }

            heap.Enqueue(new Panel(worst.A, mid, left.Kronrod, left.Error), -left.Error);
            heap.Enqueue(new Panel(mid, worst.B, right.Kronrod, right.Error), -right.Error);
            total += left.Kronrod + right.Kronrod - worst.Value;
            totalError += left.Error + right.Error - worst.Error;
        }

        (total, totalError) = Totals(heap, frozen);
        var (roundoff, extra) = NodeRounding(g, heap, frozen);
        evaluations += extra;
        totalError += roundoff;
        var converged = totalError <= Math.Max(absoluteTolerance, relativeTolerance * Math.Abs(total));
        return (new IntegrationResult(total, totalError, evaluations, converged), heap.Count + frozen.Count);
    }

    /// <summary>The node-rounding error of every panel less than 2^20 ulps wide (30 evaluations each), and the evaluations spent.</summary>
    private static (double Error, int Evaluations) NodeRounding(Func<double, double> g, PriorityQueue<Panel, double> heap, List<Panel> frozen)
    {
        var error = new NeumaierSum();
        var evaluations = 0;
        foreach (var panel in heap.UnorderedItems.Select(item => item.Element).Concat(frozen))
        {
            var ulp = Math.BitIncrement(Math.Max(Math.Abs(panel.A), Math.Abs(panel.B))) - Math.Max(Math.Abs(panel.A), Math.Abs(panel.B));
            if (panel.B - panel.A < Math.ScaleB(ulp, 20))
            {
                error.Add(GaussKronrodRule.NodeRoundingError(g, panel.A, panel.B));
                evaluations += 30;
            }
        }

        return (error.Value, evaluations);
    }

    private static (double Value, double Error) Totals(PriorityQueue<Panel, double> heap, List<Panel> frozen)
    {
        var value = new NeumaierSum();
        var error = new NeumaierSum();
        foreach (var (panel, _) in heap.UnorderedItems)
        {
            value.Add(panel.Value);
            error.Add(panel.Error);
        }

        foreach (var panel in frozen)
        {
            value.Add(panel.Value);
            error.Add(panel.Error);
        }

        return (value.Value, error.Value);
    }
}
