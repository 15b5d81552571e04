namespace DeepMath.Optimization.Minimizers;

public static partial class Minimize
{
    /// <summary>
    /// Truncated Newton (Newton-CG; Nocedal and Wright, Algorithm 7.1): conjugate gradients on H d = -g,
    /// using only Hessian-vector products (by autodiff: no Hessian is formed), stopped at the forcing
    /// tolerance min(0.5, sqrt|g|)|g| or at negative curvature, then the strong Wolfe search.
    /// </summary>
    public static MinimizeResult NewtonCg(Objective objective, double[] start, MinimizeOptions? options = null)
    {
        options ??= new MinimizeOptions();
        int cap = options.Iterations(1000);
        var run = new MinimizationRun(objective, "Newton-CG", start, options, cap);
        int n = start.Length;
        var x = (double[])start.Clone();
        var (f, g) = run.ValueAndGradient(x);
        if (!double.IsFinite(f) || !ArrayMath.AllFinite(g)) return run.Finish(x, f, g, 0, StopReason.NonFiniteValue, Describe(StopReason.NonFiniteValue, run, cap, 0));
        double stepTolerance = options.StepTolerance ?? 0;
        int k = 0;
        StopReason? reason;
        while ((reason = Stopped(run, k, cap, ArrayMath.MaxAbs(g), options.GradientTolerance)) is null)
        {
            var d = TruncatedNewtonDirection(run, x, g, 20 * n);
            double slope = ArrayMath.Dot(g, d);
            if (!(slope < 0)) d = ArrayMath.Negate(g);
            var point = StrongWolfeLineSearch.Search(run, x, f, g, d, 1, 1e-4, 0.9)
                ?? StrongWolfeLineSearch.Backtrack(run, x, f, g, d, 1);
            if (point is not { } p) { reason = StopReason.LineSearchFailed; break; }
            var s = ArrayMath.Subtract(p.X, x);
            x = p.X; f = p.Value; g = p.Gradient;
            k++;
            run.Record(x);
            if (stepTolerance > 0 && ArrayMath.MaxAbs(s) <= stepTolerance) { reason = StopReason.StepTolerance; break; }
        }
        return run.Finish(x, f, g, k, reason.Value, Describe(reason.Value, run, cap, reason == StopReason.StepTolerance ? stepTolerance : options.GradientTolerance));
    }

    /// <summary>CG on H d = -g from d = 0; negative curvature on the first direction gives the scaled steepest descent.</summary>
    private static double[] TruncatedNewtonDirection(MinimizationRun run, double[] x, double[] g, int maxInner)
    {
        int n = g.Length;
        double gradientSize = 0;
        foreach (double v in g) gradientSize += Math.Abs(v);
        double tolerance = Math.Min(0.5, Math.Sqrt(gradientSize)) * gradientSize;
        var d = new double[n];
        var r = (double[])g.Clone();
        var p = ArrayMath.Negate(g);
        double rr = ArrayMath.Dot(r, r);
        for (int i = 0; i < maxInner; i++)
        {
            double rSize = 0;
            foreach (double v in r) rSize += Math.Abs(v);
            if (rSize <= tolerance) break;
            var hp = run.HessianVector(x, p);
            double curvature = ArrayMath.Dot(p, hp);
            if (curvature <= 3 * 2.220446049250313e-16 * ArrayMath.Dot(p, p))
            {
                if (i == 0 && curvature < 0) return ArrayMath.Step(new double[n], -rr / -curvature, g);
                if (i == 0) return ArrayMath.Negate(g);
                break;
            }
            double alpha = rr / curvature;
            ArrayMath.Axpy(alpha, p, d);
            ArrayMath.Axpy(alpha, hp, r);
            double rrNew = ArrayMath.Dot(r, r);
            double beta = rrNew / rr;
            for (int j = 0; j < n; j++) p[j] = -r[j] + beta * p[j];
            rr = rrNew;
        }
        return d;
    }

    /// <summary>
    /// Trust-region Newton with Steihaug's truncated CG (Nocedal and Wright, Algorithms 4.1 and 7.2; scipy's
    /// trust-ncg): the quadratic model is minimized inside a radius by CG with Hessian-vector products,
    /// following negative curvature to the boundary; the radius shrinks (x 1/4) when the model predicted
    /// badly and doubles when it predicted well at the boundary; steps with agreement below 0.15 are rejected.
    /// </summary>
    public static MinimizeResult TrustRegionNewton(Objective objective, double[] start, MinimizeOptions? options = null)
    {
        options ??= new MinimizeOptions();
        int cap = options.Iterations(1000);
        var run = new MinimizationRun(objective, "trust-region Newton-CG", start, options, cap);
        var x = (double[])start.Clone();
        var (f, g) = run.ValueAndGradient(x);
        if (!double.IsFinite(f) || !ArrayMath.AllFinite(g)) return run.Finish(x, f, g, 0, StopReason.NonFiniteValue, Describe(StopReason.NonFiniteValue, run, cap, 0));
        double radius = options.InitialTrustRadius, stepTolerance = options.StepTolerance ?? 0;
        int k = 0;
        StopReason? reason;
        while ((reason = Stopped(run, k, cap, ArrayMath.MaxAbs(g), options.GradientTolerance)) is null)
        {
            var (step, predicted, onBoundary) = SteihaugStep(run, x, g, radius);
            var candidate = ArrayMath.Step(x, 1, step);
            // f and its gradient together: one pass when the step is accepted, and autodiff gives both for the price of one.
            var (fNew, gNew) = run.ValueAndGradient(candidate);
            double rho = predicted > 0 ? (f - fNew) / predicted : -1;
            if (!double.IsFinite(fNew) || rho < 0.25) radius *= 0.25;
            else if (rho > 0.75 && onBoundary) radius = Math.Min(2 * radius, options.MaxTrustRadius);
            k++;
            if (double.IsFinite(fNew) && ArrayMath.AllFinite(gNew) && rho > 0.15)
            {
                (f, g) = (fNew, gNew);
                x = candidate;
                run.Record(x);
                if (stepTolerance > 0 && ArrayMath.MaxAbs(step) <= stepTolerance) { reason = StopReason.StepTolerance; break; }
            }
            if (radius < 1e-15 * Math.Max(1, ArrayMath.Norm(x))) { reason = StopReason.LineSearchFailed; break; }
        }
        string message = reason == StopReason.LineSearchFailed
            ? "the trust region shrank to nothing without a step that decreases f (f is as small as the arithmetic allows)"
            : Describe(reason.Value, run, cap, reason == StopReason.StepTolerance ? stepTolerance : options.GradientTolerance);
        return run.Finish(x, f, g, k, reason.Value, message);
    }

    /// <summary>Steihaug-CG: the step, the model decrease it predicts, and whether it ended on the boundary.</summary>
    private static (double[] Step, double Predicted, bool OnBoundary) SteihaugStep(MinimizationRun run, double[] x, double[] g, double radius)
    {
        int n = g.Length;
        double gNorm = ArrayMath.Norm(g);
        double tolerance = Math.Min(0.5, Math.Sqrt(gNorm)) * gNorm;
        var z = new double[n];
        var bz = new double[n];
        var r = (double[])g.Clone();
        var d = ArrayMath.Negate(g);
        double rr = ArrayMath.Dot(r, r);
        for (int i = 0; i < 2 * n + 10; i++)
        {
            var bd = run.HessianVector(x, d);
            double curvature = ArrayMath.Dot(d, bd);
            if (curvature <= 0)
            {
                // Negative curvature: go to the boundary along d, at whichever end lowers the model more.
                var (tLow, tHigh) = BoundaryCrossings(z, d, radius);
                double mLow = ModelAt(g, z, bz, d, bd, tLow), mHigh = ModelAt(g, z, bz, d, bd, tHigh);
                double t = mLow < mHigh ? tLow : tHigh;
                return Finish(z, bz, d, bd, t, g, true);
            }
            double alpha = rr / curvature;
            var next = ArrayMath.Step(z, alpha, d);
            if (ArrayMath.Norm(next) >= radius)
            {
                var (_, tHigh) = BoundaryCrossings(z, d, radius);
                return Finish(z, bz, d, bd, tHigh, g, true);
            }
            z = next;
            ArrayMath.Axpy(alpha, bd, bz);
            ArrayMath.Axpy(alpha, bd, r);
            double rrNew = ArrayMath.Dot(r, r);
            if (Math.Sqrt(rrNew) < tolerance) break;
            double beta = rrNew / rr;
            for (int j = 0; j < n; j++) d[j] = -r[j] + beta * d[j];
            rr = rrNew;
        }
        return (z, -(ArrayMath.Dot(g, z) + 0.5 * ArrayMath.Dot(z, bz)), false);
    }

    private static (double[] Step, double Predicted, bool OnBoundary) Finish(double[] z, double[] bz, double[] d, double[] bd, double t, double[] g, bool boundary)
    {
        var step = ArrayMath.Step(z, t, d);
        var bs = ArrayMath.Step(bz, t, bd);
        return (step, -(ArrayMath.Dot(g, step) + 0.5 * ArrayMath.Dot(step, bs)), boundary);
    }

    private static double ModelAt(double[] g, double[] z, double[] bz, double[] d, double[] bd, double t)
    {
        var s = ArrayMath.Step(z, t, d);
        var bs = ArrayMath.Step(bz, t, bd);
        return ArrayMath.Dot(g, s) + 0.5 * ArrayMath.Dot(s, bs);
    }

    /// <summary>The two t with ||z + t d|| = radius (t_low &lt;= 0 &lt;= t_high for z inside).</summary>
    private static (double Low, double High) BoundaryCrossings(double[] z, double[] d, double radius)
    {
        double a = ArrayMath.Dot(d, d), b = 2 * ArrayMath.Dot(z, d), c = ArrayMath.Dot(z, z) - radius * radius;
        double root = Math.Sqrt(Math.Max(0, b * b - 4 * a * c));
        // The stable pair of roots: q = -(b + sign(b) root)/2, t1 = q/a, t2 = c/q.
        double q = -0.5 * (b + (b >= 0 ? root : -root));
        double t1 = q / a, t2 = q != 0 ? c / q : -t1;
        return (Math.Min(t1, t2), Math.Max(t1, t2));
    }
}
