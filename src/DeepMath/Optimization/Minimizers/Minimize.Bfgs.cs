namespace DeepMath.Optimization.Minimizers;

public static partial class Minimize
{
    /// <summary>
    /// BFGS (Nocedal and Wright, Algorithm 6.1; as scipy's): a dense inverse-Hessian approximation
    /// updated from each step and gradient change, the strong Wolfe line search of Moré and Thuente
    /// (c1 = 1e-4, c2 = 0.9), the first trial step from the last decrease. O(n²) memory per iteration.
    /// </summary>
    public static MinimizeResult Bfgs(Objective objective, double[] start, MinimizeOptions? options = null)
    {
        options ??= new MinimizeOptions();
        int n = start?.Length ?? 0, cap = options.Iterations(1000);
        var run = new MinimizationRun(objective, "BFGS", start!, options, cap);
        var x = (double[])start!.Clone();
        var (f, g) = run.ValueAndGradient(x);
        if (!double.IsFinite(f) || !ArrayMath.AllFinite(g)) return run.Finish(x, f, g, 0, StopReason.NonFiniteValue, Describe(StopReason.NonFiniteValue, run, cap, 0));
        var h = Identity(n);
        double previousF = f + ArrayMath.Norm(g) / 2;
        double stepTolerance = options.StepTolerance ?? 0;
        int k = 0;
        StopReason? reason;
        while ((reason = Stopped(run, k, cap, ArrayMath.MaxAbs(g), options.GradientTolerance)) is null)
        {
            var d = new double[n];
            for (int i = 0; i < n; i++) d[i] = -ArrayMath.Dot(h.AsSpan(i * n, n), g);
            double slope = ArrayMath.Dot(g, d);
            if (!(slope < 0)) { ResetToIdentity(h, n); d = ArrayMath.Negate(g); slope = -ArrayMath.Dot(g, g); }
            double initial = Math.Min(1, 1.01 * 2 * (f - previousF) / slope);
            if (!(initial > 0)) initial = 1;
            var point = StrongWolfeLineSearch.Search(run, x, f, g, d, initial, 1e-4, 0.9)
                ?? StrongWolfeLineSearch.Backtrack(run, x, f, g, d, 1);
            if (point is not { } p) { reason = StopReason.LineSearchFailed; break; }
            var s = ArrayMath.Subtract(p.X, x);
            var y = ArrayMath.Subtract(p.Gradient, g);
            previousF = f;
            x = p.X; f = p.Value; g = p.Gradient;
            k++;
            run.Record(x);
            if (stepTolerance > 0 && ArrayMath.MaxAbs(s) <= stepTolerance) { reason = StopReason.StepTolerance; break; }
            double sy = ArrayMath.Dot(s, y);
            if (sy > 0) UpdateInverseHessian(h, s, y, 1 / sy);
        }
        return run.Finish(x, f, g, k, reason.Value, Describe(reason.Value, run, cap, reason == StopReason.StepTolerance ? stepTolerance : options.GradientTolerance));
    }

    /// <summary>H = (I - rho s y^T) H (I - rho y s^T) + rho s s^T, in O(n²) with the products expanded.</summary>
    private static void UpdateInverseHessian(double[] h, double[] s, double[] y, double rho)
    {
        int n = s.Length;
        var hy = new double[n];
        for (int i = 0; i < n; i++) hy[i] = ArrayMath.Dot(h.AsSpan(i * n, n), y);
        double yhy = ArrayMath.Dot(y, hy);
        double c = rho * rho * yhy + rho;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                h[i * n + j] += c * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
    }

    private static double[] Identity(int n)
    {
        var h = new double[n * n];
        ResetToIdentity(h, n);
        return h;
    }

    private static void ResetToIdentity(double[] h, int n)
    {
        Array.Clear(h);
        for (int i = 0; i < n; i++) h[i * n + i] = 1;
    }
}
