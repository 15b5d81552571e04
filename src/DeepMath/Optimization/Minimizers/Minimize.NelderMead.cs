namespace DeepMath.Optimization.Minimizers;

public static partial class Minimize
{
    /// <summary>
    /// The Nelder-Mead downhill simplex (as scipy's, including its initial simplex: each coordinate
    /// moved by 5 %, or by 0.00025 when it is 0). Derivative-free. Stops when every vertex is within the
    /// step tolerance of the best one and every value within the function tolerance (both default 1e-4,
    /// absolute); at most 200 n iterations and 200 n evaluations by default, as scipy. <paramref name="adaptive"/> uses the dimension-dependent coefficients of Gao and Han
    /// (2012), which work better beyond about ten variables.
    /// </summary>
    public static MinimizeResult NelderMead(Objective objective, double[] start, MinimizeOptions? options = null, bool adaptive = false)
    {
        options ??= new MinimizeOptions();
        int n = start?.Length ?? 0, cap = options.Iterations(200 * Math.Max(n, 1));
        var run = new MinimizationRun(objective, "Nelder-Mead", start!, options with { MaxEvaluations = options.MaxEvaluations ?? cap }, cap);
        double xTolerance = options.StepTolerance ?? 1e-4, fTolerance = options.FunctionTolerance ?? 1e-4;
        double reflect = 1, expand = adaptive ? 1 + 2.0 / n : 2, contract = adaptive ? 0.75 - 1.0 / (2 * n) : 0.5, shrink = adaptive ? 1 - 1.0 / n : 0.5;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        simplex[0] = (double[])start!.Clone();
        for (int k = 0; k < n; k++)
        {
            var y = (double[])start.Clone();
            y[k] = y[k] != 0 ? 1.05 * y[k] : 0.00025;
            simplex[k + 1] = y;
        }
        for (int k = 0; k <= n; k++) values[k] = run.Value(simplex[k]);
        Sort(simplex, values);
        int iteration = 0;
        StopReason reason;
        while (true)
        {
            if (SimplexConverged(simplex, values, xTolerance, fTolerance)) { reason = StopReason.StepTolerance; break; }
            if (iteration >= cap) { reason = StopReason.MaxIterations; break; }
            if (run.EvaluationsExhausted) { reason = StopReason.MaxEvaluations; break; }
            var centroid = new double[n];
            for (int k = 0; k < n; k++) ArrayMath.Axpy(1.0 / n, simplex[k], centroid);
            var worst = simplex[n];
            var xr = Affine(centroid, worst, 1 + reflect, -reflect);
            double fr = run.Value(xr);
            if (fr < values[0])
            {
                var xe = Affine(centroid, worst, 1 + reflect * expand, -reflect * expand);
                double fe = run.Value(xe);
                if (fe < fr) { simplex[n] = xe; values[n] = fe; }
                else { simplex[n] = xr; values[n] = fr; }
            }
            else if (fr < values[n - 1]) { simplex[n] = xr; values[n] = fr; }
            else
            {
                bool shrinkAll;
                if (fr < values[n])
                {
                    var xc = Affine(centroid, worst, 1 + contract * reflect, -contract * reflect);
                    double fc = run.Value(xc);
                    shrinkAll = !(fc <= fr);
                    if (!shrinkAll) { simplex[n] = xc; values[n] = fc; }
                }
                else
                {
                    var xcc = Affine(centroid, worst, 1 - contract, contract);
                    double fcc = run.Value(xcc);
                    shrinkAll = !(fcc < values[n]);
                    if (!shrinkAll) { simplex[n] = xcc; values[n] = fcc; }
                }
                if (shrinkAll)
                    for (int k = 1; k <= n; k++)
                    {
                        simplex[k] = Affine(simplex[0], simplex[k], 1 - shrink, shrink);
                        values[k] = run.Value(simplex[k]);
                    }
            }
            iteration++;
            Sort(simplex, values);
            run.Record(simplex[0]);
        }
        double tolerance = reason == StopReason.StepTolerance ? xTolerance : 0;
        string message = reason == StopReason.StepTolerance
            ? $"the simplex is within {xTolerance:G3} of its best vertex and its values within {fTolerance:G3}"
            : Describe(reason, run, cap, tolerance);
        return run.Finish(simplex[0], values[0], null, iteration, reason, message);
    }

    private static bool SimplexConverged(double[][] simplex, double[] values, double xTolerance, double fTolerance)
    {
        for (int k = 1; k < simplex.Length; k++)
        {
            if (!(Math.Abs(values[k] - values[0]) <= fTolerance) && !(double.IsPositiveInfinity(values[0]) && double.IsPositiveInfinity(values[k]))) return false;
            for (int i = 0; i < simplex[0].Length; i++)
                if (!(Math.Abs(simplex[k][i] - simplex[0][i]) <= xTolerance)) return false;
        }
        return true;
    }

    /// <summary>a·p + b·q for points p and q.</summary>
    private static double[] Affine(double[] p, double[] q, double a, double b)
    {
        var r = new double[p.Length];
        for (int i = 0; i < r.Length; i++) r[i] = a * p[i] + b * q[i];
        return r;
    }

    /// <summary>Stable sort of the vertices by value (ties keep their order, as NumPy's argsort in scipy's loop).</summary>
    private static void Sort(double[][] simplex, double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var s = order.Select(i => simplex[i]).ToArray();
        var v = order.Select(i => values[i]).ToArray();
        s.CopyTo(simplex, 0);
        v.CopyTo(values, 0);
    }
}
