namespace DeepMath.Optimization.Minimizers;

/// <summary>The point a line search accepted.</summary>
internal readonly record struct LineSearchPoint(double Step, double[] X, double Value, double[] Gradient);

/// <summary>
/// Moré and Thuente's line search (ACM TOMS 20, 1994; MINPACK-2's dcsrch): finds a step satisfying the
/// strong Wolfe conditions f(a) &lt;= f(0) + c1 a f'(0) and |f'(a)| &lt;= c2 |f'(0)| by safeguarded cubic
/// and quadratic interpolation inside a shrinking bracket. A step where f is not finite is halved
/// towards the best step so far, so a function that blows up far away does not end the search.
/// </summary>
internal static class StrongWolfeLineSearch
{
    private const double ExtrapolateLow = 1.1, ExtrapolateHigh = 4.0;

    /// <summary>Searches along <paramref name="direction"/> (a descent direction) from x. Null when no acceptable step was found.</summary>
    public static LineSearchPoint? Search(MinimizationRun run, double[] x, double f0, double[] g0, double[] direction,
        double initialStep, double c1, double c2, double maxStep = 1e100, int maxEvaluations = 50, double relativeWidth = 1e-14)
    {
        double dg0 = ArrayMath.Dot(g0, direction);
        if (!(dg0 < 0)) return null;
        double stp = Math.Min(Math.Max(initialStep, 0), maxStep);
        if (!(stp > 0)) stp = Math.Min(1, maxStep);
        const double stpMin = 0;
        bool bracketed = false;
        int stage = 1;
        double gtest = c1 * dg0, width = maxStep - stpMin, width1 = 2 * width;
        double stx = 0, fx = f0, gx = dg0, sty = 0, fy = f0, gy = dg0;
        double stmin = 0, stmax = stp + ExtrapolateHigh * stp;
        LineSearchPoint? best = null;
        for (int evaluation = 0; evaluation < maxEvaluations && !run.EvaluationsExhausted; evaluation++)
        {
            var xs = ArrayMath.Step(x, stp, direction);
            var (f, g) = run.ValueAndGradient(xs);
            double dg = ArrayMath.Dot(g, direction);
            if (!double.IsFinite(f) || !double.IsFinite(dg))
            {
                // Blown up: the answer lies at shorter steps. Treat this step as an upper end and retreat.
                bracketed = true;
                sty = stp; fy = double.PositiveInfinity; gy = double.PositiveInfinity;
                stmax = stp;
                stp = stx + 0.5 * (stp - stx);
                if (stp - stx <= relativeWidth * Math.Max(stp, 1e-300)) break;
                continue;
            }
            double ftest = f0 + stp * gtest;
            if (f <= ftest && (best is null || f < best.Value.Value)) best = new LineSearchPoint(stp, xs, f, g);
            if (f <= ftest && Math.Abs(dg) <= c2 * -dg0) return new LineSearchPoint(stp, xs, f, g);
            if (stage == 1 && f <= ftest && dg >= 0) stage = 2;
            if (bracketed && (stp <= stmin || stp >= stmax || stmax - stmin <= relativeWidth * stmax)) break;
            if (stp == maxStep && f <= ftest && dg <= gtest) break;

            if (stage == 1 && f <= fx && f > ftest && double.IsFinite(fy))
            {
                // Work with the modified function psi(a) = f(a) - f(0) - c1 a f'(0) until a step satisfies the decrease condition.
                double fm = f - stp * gtest, fxm = fx - stx * gtest, fym = fy - sty * gtest;
                double gm = dg - gtest, gxm = gx - gtest, gym = gy - gtest;
                Step(ref stx, ref fxm, ref gxm, ref sty, ref fym, ref gym, ref stp, fm, gm, ref bracketed, stmin, stmax);
                fx = fxm + stx * gtest; fy = fym + sty * gtest; gx = gxm + gtest; gy = gym + gtest;
            }
            else if (!double.IsFinite(fy))
            {
                // Bracketed by a non-finite end: keep the finite end current and bisect towards the blow-up.
                if (f > fx || dg >= 0) { sty = stp; fy = f; gy = dg; stp = stx + 0.5 * (stp - stx); }
                else { stx = stp; fx = f; gx = dg; stp = stx + 0.5 * (sty - stx); }
                width1 = width; width = Math.Abs(sty - stx);
                stmin = Math.Min(stx, sty); stmax = Math.Max(stx, sty);
                continue;
            }
            else
            {
                Step(ref stx, ref fx, ref gx, ref sty, ref fy, ref gy, ref stp, f, dg, ref bracketed, stmin, stmax);
            }

            if (bracketed)
            {
                if (Math.Abs(sty - stx) >= 0.66 * width1) stp = stx + 0.5 * (sty - stx);
                width1 = width;
                width = Math.Abs(sty - stx);
                stmin = Math.Min(stx, sty);
                stmax = Math.Max(stx, sty);
            }
            else
            {
                stmin = stp + ExtrapolateLow * (stp - stx);
                stmax = stp + ExtrapolateHigh * (stp - stx);
            }
            stp = Math.Clamp(stp, stpMin, maxStep);
            if ((bracketed && (stp <= stmin || stp >= stmax)) || (bracketed && stmax - stmin <= relativeWidth * stmax)) stp = stx;
            if (!(stp > 0)) break;
        }
        return best; // sufficient decrease without the curvature condition is still progress
    }

    /// <summary>
    /// One safeguarded step of Moré-Thuente (dcstep): updates the interval of uncertainty [stx, sty]
    /// and proposes the next trial step from cubic and quadratic models of the two best ends.
    /// </summary>
    private static void Step(ref double stx, ref double fx, ref double dx, ref double sty, ref double fy, ref double dy,
        ref double stp, double fp, double dp, ref bool bracketed, double stpmin, double stpmax)
    {
        double sgnd = dp * Math.Sign(dx);
        double stpf;
        if (fp > fx)
        {
            // Case 1: a higher value. The minimum is bracketed; take the cubic step or the average with the quadratic one.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Max3(theta, dx, dp);
            double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp < stx) gamma = -gamma;
            double p = (gamma - dx) + theta, q = ((gamma - dx) + gamma) + dp;
            double stpc = stx + p / q * (stp - stx);
            double stpq = stx + dx / ((fx - fp) / (stp - stx) + dx) / 2 * (stp - stx);
            stpf = Math.Abs(stpc - stx) < Math.Abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
            bracketed = true;
        }
        else if (sgnd < 0)
        {
            // Case 2: lower value, derivatives of opposite sign: bracketed; the step farther from stp.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Max3(theta, dx, dp);
            double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp > stx) gamma = -gamma;
            double p = (gamma - dp) + theta, q = ((gamma - dp) + gamma) + dx;
            double stpc = stp + p / q * (stx - stp);
            double stpq = stp + dp / (dp - dx) * (stx - stp);
            stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
            bracketed = true;
        }
        else if (Math.Abs(dp) < Math.Abs(dx))
        {
            // Case 3: lower value, same-sign derivative that decreases in magnitude.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Max3(theta, dx, dp);
            double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp > stx) gamma = -gamma;
            double p = (gamma - dp) + theta, q = (gamma + (dx - dp)) + gamma;
            double r = p / q;
            double stpc = r < 0 && gamma != 0 ? stp + r * (stx - stp) : stp > stx ? stpmax : stpmin;
            double stpq = stp + dp / (dp - dx) * (stx - stp);
            if (bracketed)
            {
                stpf = Math.Abs(stpc - stp) < Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = stp > stx ? Math.Min(stp + 0.66 * (sty - stp), stpf) : Math.Max(stp + 0.66 * (sty - stp), stpf);
            }
            else
            {
                stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = Math.Clamp(stpf, stpmin, Math.Max(stpmin, stpmax));
            }
        }
        else
        {
            // Case 4: lower value, derivative not decreasing in magnitude: cubic with the other end, or extrapolate.
            if (bracketed)
            {
                double theta = 3 * (fp - fy) / (sty - stp) + dy + dp;
                double s = Max3(theta, dy, dp);
                double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dy / s) * (dp / s)));
                if (stp > sty) gamma = -gamma;
                double p = (gamma - dp) + theta, q = ((gamma - dp) + gamma) + dy;
                stpf = stp + p / q * (sty - stp);
            }
            else stpf = stp > stx ? stpmax : stpmin;
        }

        if (fp > fx)
        {
            sty = stp; fy = fp; dy = dp;
        }
        else
        {
            if (sgnd < 0) { sty = stx; fy = fx; dy = dx; }
            stx = stp; fx = fp; dx = dp;
        }
        stp = double.IsFinite(stpf) ? stpf : stx + 0.5 * (sty - stx);
    }

    private static double Max3(double a, double b, double c) => Math.Max(Math.Abs(a), Math.Max(Math.Abs(b), Math.Abs(c)));

    /// <summary>
    /// Armijo backtracking (halving, at most <paramref name="maxHalvings"/> times): the fallback when the
    /// Wolfe search fails, and the search of methods that need only sufficient decrease.
    /// </summary>
    public static LineSearchPoint? Backtrack(MinimizationRun run, double[] x, double f0, double[] g0, double[] direction,
        double initialStep, double c1 = 1e-4, int maxHalvings = 60)
    {
        double slope = ArrayMath.Dot(g0, direction);
        if (!(slope < 0)) return null;
        double step = initialStep;
        for (int k = 0; k < maxHalvings && !run.EvaluationsExhausted; k++, step *= 0.5)
        {
            var xs = ArrayMath.Step(x, step, direction);
            double f = run.Value(xs);
            if (f <= f0 + c1 * step * slope)
            {
                var (fv, g) = run.ValueAndGradient(xs);
                return new LineSearchPoint(step, xs, fv, g);
            }
        }
        return null;
    }
}
