namespace DeepMath.Optimization.Minimizers;

public static partial class Minimize
{
    /// <summary>
    /// L-BFGS (Nocedal and Wright, Algorithm 7.4): the two-loop recursion over the last
    /// <see cref="MinimizeOptions.History"/> correction pairs with the scaling s·y / y·y, and the Moré-Thuente
    /// search. Stops like scipy's L-BFGS-B: the largest gradient component within the gradient tolerance,
    /// or a relative decrease of f within the function tolerance (default 2.2e-9).
    /// </summary>
    public static MinimizeResult LBfgs(Objective objective, double[] start, MinimizeOptions? options = null)
        => BoundedLBfgs(objective, start, null, null, options, "L-BFGS");

    /// <summary>
    /// L-BFGS with bounds lower &lt;= x &lt;= upper (use ±infinity for a free side): a projected quasi-Newton
    /// method. Variables held at a bound by the gradient are fixed for the iteration; the L-BFGS direction is
    /// taken over the free ones (their pairs of corrections), cut where it would leave the box, and searched
    /// with the strong Wolfe conditions up to the first bound it meets; a variable reaching its bound is
    /// set to it exactly. Convergence is judged on the projected gradient, as scipy's L-BFGS-B does
    /// (which uses the generalized Cauchy point and subspace minimization instead).
    /// </summary>
    /// <exception cref="ArgumentException">The bounds have the wrong length, cross, or do not contain the start.</exception>
    public static MinimizeResult LBfgsB(Objective objective, double[] start, double[] lower, double[] upper, MinimizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (lower.Length != start.Length || upper.Length != start.Length)
            throw new ArgumentException($"The bounds have {lower.Length} lower and {upper.Length} upper entries for {start.Length} variables.", nameof(lower));
        for (int i = 0; i < start.Length; i++)
        {
            if (double.IsNaN(lower[i]) || double.IsNaN(upper[i]) || lower[i] > upper[i])
                throw new ArgumentException($"Bound {i} is empty or NaN: [{lower[i]}, {upper[i]}].", nameof(lower));
            if (start[i] < lower[i] || start[i] > upper[i])
                throw new ArgumentException($"The start is outside the bounds: x[{i}] = {start[i]} is not in [{lower[i]}, {upper[i]}].", nameof(start));
        }
        return BoundedLBfgs(objective, start, lower, upper, options, "L-BFGS-B");
    }

    private static MinimizeResult BoundedLBfgs(Objective objective, double[] start, double[]? lower, double[]? upper, MinimizeOptions? options, string name)
    {
        options ??= new MinimizeOptions();
        int cap = options.Iterations(1000);
        var run = new MinimizationRun(objective, name, start, options, cap);
        int n = start.Length, m = options.History;
        double functionTolerance = options.FunctionTolerance ?? 2.220446049250313e-9, stepTolerance = options.StepTolerance ?? 0;
        var x = (double[])start.Clone();
        var (f, g) = run.ValueAndGradient(x);
        if (!double.IsFinite(f) || !ArrayMath.AllFinite(g)) return run.Finish(x, f, g, 0, StopReason.NonFiniteValue, Describe(StopReason.NonFiniteValue, run, cap, 0));
        var sList = new List<double[]>(m);
        var yList = new List<double[]>(m);
        var free = new bool[n];
        int k = 0;
        StopReason? reason;
        while ((reason = Stopped(run, k, cap, ProjectedGradientNorm(x, g, lower, upper), options.GradientTolerance)) is null)
        {
            for (int i = 0; i < n; i++) free[i] = IsFree(x, g, lower, upper, i);
            var d = TwoLoopRecursion.Direction(g, sList, yList, free);
            double maxStep = MaxFeasibleStep(x, d, lower, upper);
            double slope = ArrayMath.Dot(g, d);
            if (!(slope < 0) || maxStep <= 0)
            {
                // Fall back to the projected steepest descent, emptying the memory.
                sList.Clear(); yList.Clear();
                for (int i = 0; i < n; i++) d[i] = free[i] ? -g[i] : 0;
                maxStep = MaxFeasibleStep(x, d, lower, upper);
                if (maxStep <= 0) { reason = StopReason.GradientTolerance; break; }
            }
            double initial = k == 0 && sList.Count == 0 ? Math.Min(1, 1 / ArrayMath.Norm(d)) : 1;
            initial = Math.Min(initial, maxStep);
            var point = StrongWolfeLineSearch.Search(run, x, f, g, d, initial, 1e-4, 0.9, maxStep)
                ?? StrongWolfeLineSearch.Backtrack(run, x, f, g, d, initial);
            if (point is not { } p) { reason = StopReason.LineSearchFailed; break; }
            var xNew = p.X;
            var gNew = p.Gradient;
            double fNew = p.Value;
            if (lower is not null && SnapToBounds(xNew, lower, upper!)) (fNew, gNew) = run.ValueAndGradient(xNew);
            var s = ArrayMath.Subtract(xNew, x);
            var y = ArrayMath.Subtract(gNew, g);
            double relativeDecrease = (f - fNew) / Math.Max(Math.Max(Math.Abs(f), Math.Abs(fNew)), 1);
            x = xNew; f = fNew; g = gNew;
            k++;
            run.Record(x);
            double sy = ArrayMath.Dot(s, y);
            if (sy > 2.220446049250313e-16 * ArrayMath.Dot(y, y))
            {
                if (sList.Count == m) { sList.RemoveAt(0); yList.RemoveAt(0); }
                sList.Add(s); yList.Add(y);
            }
            if (ProjectedGradientNorm(x, g, lower, upper) <= options.GradientTolerance) { reason = StopReason.GradientTolerance; break; }
            if (relativeDecrease <= functionTolerance) { reason = StopReason.FunctionTolerance; break; }
            if (stepTolerance > 0 && ArrayMath.MaxAbs(s) <= stepTolerance) { reason = StopReason.StepTolerance; break; }
        }
        double tolerance = reason == StopReason.FunctionTolerance ? functionTolerance : reason == StopReason.StepTolerance ? stepTolerance : options.GradientTolerance;
        var result = run.Finish(x, f, g, k, reason.Value, Describe(reason.Value, run, cap, tolerance));
        return result with { GradientNorm = ProjectedGradientNorm(x, g, lower, upper) };
    }

    /// <summary>A variable is held when it sits on a bound and the gradient pushes it outwards.</summary>
    private static bool IsFree(double[] x, double[] g, double[]? lower, double[]? upper, int i)
        => lower is null || !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper![i] && g[i] < 0));

    /// <summary>The largest step along d that keeps x inside the box (infinity without bounds).</summary>
    private static double MaxFeasibleStep(double[] x, double[] d, double[]? lower, double[]? upper)
    {
        if (lower is null) return 1e100;
        double step = 1e100;
        for (int i = 0; i < x.Length; i++)
        {
            if (d[i] < 0 && double.IsFinite(lower[i])) step = Math.Min(step, (lower[i] - x[i]) / d[i]);
            else if (d[i] > 0 && double.IsFinite(upper![i])) step = Math.Min(step, (upper[i] - x[i]) / d[i]);
        }
        return Math.Max(step, 0);
    }

    /// <summary>Clamps x into the box; true when anything moved (rounding took it out, or it met a bound to within 1e-14 relative).</summary>
    private static bool SnapToBounds(double[] x, double[] lower, double[] upper)
    {
        bool moved = false;
        for (int i = 0; i < x.Length; i++)
        {
            double tolerance = 1e-14 * Math.Max(1, Math.Abs(x[i]));
            double v = x[i] - lower[i] <= tolerance ? lower[i] : upper[i] - x[i] <= tolerance ? upper[i] : x[i];
            if (v != x[i]) { x[i] = v; moved = true; }
        }
        return moved;
    }

    /// <summary>max_i |P(x - g) - x|: the gradient with the components that push against an active bound removed.</summary>
    private static double ProjectedGradientNorm(double[] x, double[] g, double[]? lower, double[]? upper)
    {
        if (lower is null) return ArrayMath.MaxAbs(g);
        double m = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(g[i])) return double.NaN;
            double projected = Math.Clamp(x[i] - g[i], lower[i], upper![i]) - x[i];
            m = Math.Max(m, Math.Abs(projected));
        }
        return m;
    }
}
