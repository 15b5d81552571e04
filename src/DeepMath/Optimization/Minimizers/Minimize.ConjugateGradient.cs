namespace DeepMath.Optimization.Minimizers;

public static partial class Minimize
{
    /// <summary>
    /// Nonlinear conjugate gradients (Nocedal and Wright, section 5.2): Polak-Ribiere+ (beta clipped at 0,
    /// scipy's CG) or Fletcher-Reeves, with the strong Wolfe search at c2 = 0.4. A direction that fails the
    /// sufficient-descent test g·d &lt;= -0.01 |g|² is replaced by steepest descent (a restart).
    /// </summary>
    public static MinimizeResult ConjugateGradient(Objective objective, double[] start, bool fletcherReeves = false, MinimizeOptions? options = null)
    {
        options ??= new MinimizeOptions();
        int cap = options.Iterations(1000);
        var run = new MinimizationRun(objective, fletcherReeves ? "CG (Fletcher-Reeves)" : "CG (Polak-Ribiere+)", start, options, cap);
        var x = (double[])start.Clone();
        var (f, g) = run.ValueAndGradient(x);
        if (!double.IsFinite(f) || !ArrayMath.AllFinite(g)) return run.Finish(x, f, g, 0, StopReason.NonFiniteValue, Describe(StopReason.NonFiniteValue, run, cap, 0));
        var d = ArrayMath.Negate(g);
        double previousF = f + ArrayMath.Norm(g) / 2, stepTolerance = options.StepTolerance ?? 0;
        int k = 0;
        StopReason? reason;
        while ((reason = Stopped(run, k, cap, ArrayMath.MaxAbs(g), options.GradientTolerance)) is null)
        {
            double slope = ArrayMath.Dot(g, d);
            double initial = Math.Min(1, 1.01 * 2 * (f - previousF) / slope);
            if (!(initial > 0)) initial = 1;
            var point = StrongWolfeLineSearch.Search(run, x, f, g, d, initial, 1e-4, 0.4)
                ?? StrongWolfeLineSearch.Backtrack(run, x, f, g, d, 1);
            if (point is not { } p) { reason = StopReason.LineSearchFailed; break; }
            double gg = ArrayMath.Dot(g, g);
            double beta = fletcherReeves
                ? ArrayMath.Dot(p.Gradient, p.Gradient) / gg
                : Math.Max(0, (ArrayMath.Dot(p.Gradient, p.Gradient) - ArrayMath.Dot(g, p.Gradient)) / gg);
            var s = ArrayMath.Subtract(p.X, x);
            previousF = f;
            x = p.X; f = p.Value; g = p.Gradient;
            k++;
            run.Record(x);
            for (int i = 0; i < d.Length; i++) d[i] = -g[i] + beta * d[i];
            if (!(ArrayMath.Dot(d, g) <= -0.01 * ArrayMath.Dot(g, g))) d = ArrayMath.Negate(g);
            if (stepTolerance > 0 && ArrayMath.MaxAbs(s) <= stepTolerance) { reason = StopReason.StepTolerance; break; }
        }
        return run.Finish(x, f, g, k, reason.Value, Describe(reason.Value, run, cap, reason == StopReason.StepTolerance ? stepTolerance : options.GradientTolerance));
    }
}
