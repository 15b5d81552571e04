using DeepMath.LinearAlgebra;
using DeepMath.Optimization.Minimizers;
using DeepMath.Tensors;

namespace DeepMath.Optimization.LeastSquares;

public static partial class NonlinearLeastSquares
{
    /// <summary>
    /// Trust-region reflective least squares with bounds lower &lt;= p &lt;= upper (Branch, Coleman and Li,
    /// SIAM J. Sci. Comput. 21, 1999; the algorithm of scipy's least_squares(method="trf")): the variables
    /// are scaled by Coleman and Li's distances to the bounds the gradient points at, each trust-region
    /// subproblem is solved through the SVD of the scaled, augmented Jacobian, and a step that would
    /// leave the box is compared with its reflection off the bound and with the scaled steepest descent,
    /// all kept strictly inside. Use ±infinity for a free side; without bounds it is a trust-region
    /// Gauss-Newton method. Stops when the scaled gradient, the step or the reduction is within tolerance.
    /// </summary>
    /// <exception cref="ArgumentException">Bounds of the wrong length, crossing, or not containing the start.</exception>
    public static LeastSquaresResult TrustRegionReflective(Func<Tensor<double>, Tensor<double>> residuals, Tensor<double> start, double[] lower, double[] upper,
        LeastSquaresOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (start.Rank != 1) throw new ArgumentException($"The starting parameters must be a 1-D tensor, got shape {start.Shape}.", nameof(start));
        var x0 = start.Contiguous().ToArray();
        if (lower.Length != x0.Length || upper.Length != x0.Length)
            throw new ArgumentException($"The bounds have {lower.Length} lower and {upper.Length} upper entries for {x0.Length} parameters.", nameof(lower));
        for (int i = 0; i < x0.Length; i++)
        {
            if (double.IsNaN(lower[i]) || double.IsNaN(upper[i]) || !(lower[i] < upper[i]))
                throw new ArgumentException($"Bound {i} is empty or NaN: [{lower[i]}, {upper[i]}] (lower must be below upper).", nameof(lower));
            if (x0[i] < lower[i] || x0[i] > upper[i])
                throw new ArgumentException($"The start is outside the bounds: p[{i}] = {x0[i]} is not in [{lower[i]}, {upper[i]}].", nameof(start));
        }
        return SolveReflective(ResidualFunction.FromTensor(residuals), x0, lower, upper, options ?? new LeastSquaresOptions());
    }

    private static LeastSquaresResult SolveReflective(ResidualFunction function, double[] start, double[] lower, double[] upper, LeastSquaresOptions options)
    {
        options.Validate();
        int m = start.Length;
        if (!ArrayMath.AllFinite(start)) throw new ArgumentException("The starting parameters have NaN or infinite entries.", nameof(start));
        var x = StrictlyFeasible(start, lower, upper, 1e-10);
        var f = function.Residuals(x);
        int n = f.Length;
        if (n < m) throw new ArgumentException($"{n} residuals cannot determine {m} parameters: least squares needs at least as many residuals as parameters.");
        double cost = 0.5 * SumOfSquares(f);
        if (!double.IsFinite(cost)) throw new ArgumentException("The residuals at the starting parameters are NaN or infinite.", nameof(start));
        var jacobian = function.Jacobian(x, f);
        var g = TransposeTimes(jacobian, f, n, m);
        var (v, _) = ColemanLiScaling(x, g, lower, upper);
        double radius = 0;
        for (int i = 0; i < m; i++) radius += x[i] * x[i] / v[i];
        radius = radius > 0 && double.IsFinite(radius) ? Math.Sqrt(radius) : 1;
        double alpha = 0;
        int iteration = 0, maxEvaluations = 100 * m * Math.Max(1, options.MaxIterations / 100);
        StopReason reason = StopReason.MaxIterations;
        string message = $"the iteration cap ({options.MaxIterations}) was reached";
        while (true)
        {
            (v, var dv) = ColemanLiScaling(x, g, lower, upper);
            double gNorm = 0;
            for (int i = 0; i < m; i++) gNorm = Math.Max(gNorm, Math.Abs(g[i] * v[i]));
            if (gNorm < options.GradientTolerance || cost == 0)
            {
                reason = StopReason.GradientTolerance;
                message = cost == 0 ? "the residuals are exactly zero" : $"the scaled gradient is within {options.GradientTolerance:G3}";
                break;
            }
            if (iteration >= options.MaxIterations) break;
            if (!ArrayMath.AllFinite(jacobian))
            {
                reason = StopReason.NonFiniteValue;
                message = "the Jacobian has NaN or infinite entries at the current parameters";
                break;
            }
            if (function.Evaluations >= maxEvaluations) { reason = StopReason.MaxEvaluations; message = $"the cap on residual evaluations ({maxEvaluations}) was reached"; break; }
            iteration++;
            var d = new double[m];
            var diagH = new double[m];
            var gH = new double[m];
            for (int i = 0; i < m; i++)
            {
                d[i] = Math.Sqrt(v[i]);
                diagH[i] = g[i] * dv[i];
                gH[i] = d[i] * g[i];
            }
            var jH = new double[n * m];
            for (int r = 0; r < n; r++)
                for (int c = 0; c < m; c++) jH[r * m + c] = jacobian[r * m + c] * d[c];
            // The subproblem's matrix [J_h; diag(sqrt(diag_h))] and its SVD.
            var augmented = new double[(n + m) * m];
            Array.Copy(jH, augmented, n * m);
            for (int i = 0; i < m; i++) augmented[(n + i) * m + i] = Math.Sqrt(diagH[i]);
            var (u, s, vt) = SmallSvd.Decompose(augmented, n + m, m);
            var uf = new double[m];
            for (int k = 0; k < m; k++)
                for (int r = 0; r < n; r++) uf[k] += u[r * m + k] * f[r];
            double theta = Math.Max(0.995, 1 - gNorm);
            double actual = -1, stepNorm = 0, costNew = cost;
            double[] xNew = x, fNew = f;
            bool stop = false;
            while (actual <= 0 && function.Evaluations < maxEvaluations)
            {
                var (pH, newAlpha) = TrustRegionStep(uf, s, vt, m, radius, alpha);
                alpha = newAlpha;
                var p = new double[m];
                for (int i = 0; i < m; i++) p[i] = d[i] * pH[i];
                var (step, stepH, predicted) = ReflectiveStep(x, jH, diagH, gH, p, pH, d, radius, lower, upper, theta, n, m);
                xNew = StrictlyFeasible(ArrayMath.Step(x, 1, step), lower, upper, 0);
                fNew = function.Residuals(xNew);
                double stepHNorm = ArrayMath.Norm(stepH);
                if (!ArrayMath.AllFinite(fNew))
                {
                    radius = 0.25 * stepHNorm;
                    if (!(radius > 0)) break;
                    continue;
                }
                costNew = 0.5 * SumOfSquares(fNew);
                actual = cost - costNew;
                double ratio = predicted > 0 ? actual / predicted : predicted == actual && actual == 0 ? 1 : 0;
                double newRadius = ratio < 0.25 ? 0.25 * stepHNorm : ratio > 0.75 && stepHNorm > 0.95 * radius ? 2 * radius : radius;
                stepNorm = ArrayMath.Norm(step);
                bool fSatisfied = actual < options.FunctionTolerance * cost && ratio > 0.25;
                bool xSatisfied = stepNorm < options.StepTolerance * (options.StepTolerance + ArrayMath.Norm(x));
                if (fSatisfied || xSatisfied)
                {
                    reason = fSatisfied ? StopReason.FunctionTolerance : StopReason.StepTolerance;
                    message = fSatisfied ? $"the relative reduction of the sum of squares is within {options.FunctionTolerance:G3}" : $"the step is within {options.StepTolerance:G3} of the parameters (relative)";
                    stop = true;
                    break;
                }
                if (newRadius > 0) alpha *= radius / newRadius;
                radius = newRadius;
                if (!(radius > 1e-300)) break;
            }
            if (actual > 0)
            {
                x = xNew; f = fNew; cost = costNew;
                jacobian = function.Jacobian(x, f);
                g = TransposeTimes(jacobian, f, n, m);
            }
            if (stop) break;
            if (actual <= 0 && !(radius > 1e-300))
            {
                reason = StopReason.LineSearchFailed;
                message = "the trust region shrank to nothing without a step that reduces the sum of squares";
                break;
            }
        }
        return Result(x, f, jacobian, n, m, 2 * cost, iteration, function, reason, message);
    }

    /// <summary>Coleman-Li scaling: the distance to the bound the negative gradient points at (1 when that side is free), and its derivative sign.</summary>
    private static (double[] V, double[] Dv) ColemanLiScaling(double[] x, double[] g, double[] lower, double[] upper)
    {
        var v = new double[x.Length];
        var dv = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            v[i] = 1;
            if (g[i] < 0 && double.IsFinite(upper[i])) { v[i] = upper[i] - x[i]; dv[i] = -1; }
            else if (g[i] > 0 && double.IsFinite(lower[i])) { v[i] = x[i] - lower[i]; dv[i] = 1; }
        }
        return (v, dv);
    }

    /// <summary>
    /// The step p minimizing the linearized model within ||p|| &lt;= radius, from the SVD of the augmented
    /// matrix: the Gauss-Newton step when it fits, otherwise p(α) = -V (s uf / (s² + α)) with α found by
    /// safeguarded Newton iterations on ||p(α)|| = radius (Moré, 1978).
    /// </summary>
    private static (double[] Step, double Alpha) TrustRegionStep(double[] uf, double[] s, double[] vt, int m, double radius, double initialAlpha)
    {
        var suf = new double[m];
        for (int k = 0; k < m; k++) suf[k] = s[k] * uf[k];
        double[] Combine(Func<int, double> coefficient)
        {
            var p = new double[m];
            for (int k = 0; k < m; k++)
            {
                double c = coefficient(k);
                for (int i = 0; i < m; i++) p[i] -= vt[i * m + k] * c;
            }
            return p;
        }
        bool fullRank = s[m - 1] > 2.220446049250313e-16 * m * s[0];
        if (fullRank)
        {
            var gaussNewton = Combine(k => uf[k] / s[k]);
            if (ArrayMath.Norm(gaussNewton) <= radius) return (gaussNewton, 0);
        }
        (double Phi, double Derivative) PhiAt(double a)
        {
            double norm2 = 0, derivative = 0;
            for (int k = 0; k < m; k++)
            {
                double denominator = s[k] * s[k] + a;
                norm2 += suf[k] * suf[k] / (denominator * denominator);
                derivative += suf[k] * suf[k] / (denominator * denominator * denominator);
            }
            double norm = Math.Sqrt(norm2);
            return (norm - radius, -derivative / norm);
        }
        double upperAlpha = ArrayMath.Norm(suf) / radius, lowerAlpha = 0;
        if (fullRank)
        {
            var (phi0, derivative0) = PhiAt(0);
            lowerAlpha = -phi0 / derivative0;
        }
        double alpha = !fullRank && initialAlpha == 0 ? Math.Max(0.001 * upperAlpha, Math.Sqrt(lowerAlpha * upperAlpha)) : initialAlpha;
        for (int iteration = 0; iteration < 10; iteration++)
        {
            if (alpha < lowerAlpha || alpha > upperAlpha) alpha = Math.Max(0.001 * upperAlpha, Math.Sqrt(lowerAlpha * upperAlpha));
            var (phi, derivative) = PhiAt(alpha);
            if (phi < 0) upperAlpha = alpha;
            double ratio = phi / derivative;
            lowerAlpha = Math.Max(lowerAlpha, alpha - ratio);
            alpha -= (phi + radius) * ratio / radius;
            if (Math.Abs(phi) < 0.01 * radius) break;
        }
        var step = Combine(k => suf[k] / (s[k] * s[k] + alpha));
        double length = ArrayMath.Norm(step);
        if (length > 0) for (int i = 0; i < m; i++) step[i] *= radius / length; // exactly on the boundary
        return (step, alpha);
    }

    /// <summary>
    /// The step to take from x: p itself if it stays inside the box; otherwise the best (by the quadratic
    /// model) of p cut back strictly inside, its reflection off the first bound it meets, and the scaled
    /// steepest-descent step; with the model's predicted reduction.
    /// </summary>
    private static (double[] Step, double[] StepH, double Predicted) ReflectiveStep(double[] x, double[] jH, double[] diagH, double[] gH, double[] p, double[] pH,
        double[] d, double radius, double[] lower, double[] upper, double theta, int n, int m)
    {
        if (InBounds(ArrayMath.Step(x, 1, p), lower, upper)) return (p, pH, -Quadratic(jH, gH, pH, diagH, n, m));
        var (pStride, hits) = StepToBound(x, p, lower, upper);
        var rH = (double[])pH.Clone();
        for (int i = 0; i < m; i++) if (hits[i] != 0) rH[i] = -rH[i];
        var r = new double[m];
        for (int i = 0; i < m; i++) r[i] = d[i] * rH[i];
        var pCut = new double[m];
        var pHCut = new double[m];
        for (int i = 0; i < m; i++) { pCut[i] = p[i] * pStride; pHCut[i] = pH[i] * pStride; }
        var onBound = ArrayMath.Step(x, 1, pCut);
        var (_, toRegion) = Crossings(pHCut, rH, radius);
        var (toBound, _) = StepToBound(onBound, r, lower, upper);
        double rStride = Math.Min(toBound, toRegion), rLow, rHigh;
        if (rStride > 0)
        {
            rLow = (1 - theta) * pStride / rStride;
            rHigh = rStride == toBound ? theta * toBound : toRegion;
        }
        else { rLow = 0; rHigh = -1; }
        double rValue = double.PositiveInfinity;
        var rFinal = r;
        var rHFinal = rH;
        if (rLow <= rHigh)
        {
            var (a, b, c) = Quadratic1D(jH, gH, rH, diagH, pHCut, n, m);
            var (t, value) = MinimizeQuadratic1D(a, b, rLow, rHigh, c);
            rHFinal = new double[m];
            rFinal = new double[m];
            for (int i = 0; i < m; i++) { rHFinal[i] = rH[i] * t + pHCut[i]; rFinal[i] = rHFinal[i] * d[i]; }
            rValue = value;
        }
        for (int i = 0; i < m; i++) { pCut[i] *= theta; pHCut[i] *= theta; }
        double pValue = Quadratic(jH, gH, pHCut, diagH, n, m);
        var agH = ArrayMath.Negate(gH);
        var ag = new double[m];
        for (int i = 0; i < m; i++) ag[i] = d[i] * agH[i];
        double toTrust = radius / ArrayMath.Norm(agH);
        var (agBound, _) = StepToBound(x, ag, lower, upper);
        double agStride = agBound < toTrust ? theta * agBound : toTrust;
        var (aa, bb, _) = Quadratic1D(jH, gH, agH, diagH, null, n, m);
        var (agT, agValue) = MinimizeQuadratic1D(aa, bb, 0, agStride, 0);
        for (int i = 0; i < m; i++) { agH[i] *= agT; ag[i] *= agT; }
        if (pValue < rValue && pValue < agValue) return (pCut, pHCut, -pValue);
        if (rValue < pValue && rValue < agValue) return (rFinal, rHFinal, -rValue);
        return (ag, agH, -agValue);
    }

    private static bool InBounds(double[] x, double[] lower, double[] upper)
    {
        for (int i = 0; i < x.Length; i++) if (x[i] < lower[i] || x[i] > upper[i]) return false;
        return true;
    }

    /// <summary>The step length along s to the first bound, and which variables hit it (sign of s there).</summary>
    private static (double Step, int[] Hits) StepToBound(double[] x, double[] s, double[] lower, double[] upper)
    {
        var steps = new double[x.Length];
        double min = double.PositiveInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            steps[i] = s[i] == 0 ? double.PositiveInfinity : Math.Max((lower[i] - x[i]) / s[i], (upper[i] - x[i]) / s[i]);
            min = Math.Min(min, steps[i]);
        }
        var hits = new int[x.Length];
        for (int i = 0; i < x.Length; i++) if (steps[i] == min) hits[i] = Math.Sign(s[i]);
        return (min, hits);
    }

    /// <summary>The two t with ||z + t s|| = radius.</summary>
    private static (double Low, double High) Crossings(double[] z, double[] s, double radius)
    {
        double a = ArrayMath.Dot(s, s), b = ArrayMath.Dot(z, s), c = ArrayMath.Dot(z, z) - radius * radius;
        double root = Math.Sqrt(Math.Max(0, b * b - a * c));
        double q = -(b + (b >= 0 ? root : -root));
        double t1 = q / a, t2 = q != 0 ? c / q : -t1;
        return (Math.Min(t1, t2), Math.Max(t1, t2));
    }

    /// <summary>½ ||J s||² + ½ sᵀ diag s + gᵀ s.</summary>
    private static double Quadratic(double[] j, double[] g, double[] s, double[] diag, int n, int m)
    {
        double q = 0;
        for (int r = 0; r < n; r++)
        {
            double js = 0;
            for (int c = 0; c < m; c++) js += j[r * m + c] * s[c];
            q += js * js;
        }
        for (int i = 0; i < m; i++) q += s[i] * diag[i] * s[i];
        return 0.5 * q + ArrayMath.Dot(g, s);
    }

    /// <summary>The model along s0 + t s as a t² + b t + c.</summary>
    private static (double A, double B, double C) Quadratic1D(double[] j, double[] g, double[] s, double[] diag, double[]? s0, int n, int m)
    {
        double a = 0, b = ArrayMath.Dot(g, s), c = 0;
        for (int r = 0; r < n; r++)
        {
            double v = 0, u = 0;
            for (int k = 0; k < m; k++)
            {
                v += j[r * m + k] * s[k];
                if (s0 is not null) u += j[r * m + k] * s0[k];
            }
            a += v * v;
            b += u * v;
            c += 0.5 * u * u;
        }
        for (int i = 0; i < m; i++)
        {
            a += s[i] * diag[i] * s[i];
            if (s0 is not null) { b += s0[i] * diag[i] * s[i]; c += 0.5 * s0[i] * diag[i] * s0[i]; }
        }
        if (s0 is not null) c += ArrayMath.Dot(g, s0);
        return (0.5 * a, b, c);
    }

    private static (double T, double Value) MinimizeQuadratic1D(double a, double b, double low, double high, double c)
    {
        var candidates = new List<double> { low, high };
        if (a != 0)
        {
            double extremum = -0.5 * b / a;
            if (low < extremum && extremum < high) candidates.Add(extremum);
        }
        return candidates.Select(t => (t, t * (a * t + b) + c)).MinBy(p => p.Item2);
    }

    /// <summary>x moved strictly inside the box: off an active bound by a relative step (or to the next double when the step is 0).</summary>
    private static double[] StrictlyFeasible(double[] x, double[] lower, double[] upper, double relativeStep)
    {
        var result = (double[])x.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            bool atLower = relativeStep == 0 ? x[i] <= lower[i] : x[i] - lower[i] <= relativeStep * Math.Max(1, Math.Abs(lower[i]));
            bool atUpper = relativeStep == 0 ? x[i] >= upper[i] : upper[i] - x[i] <= relativeStep * Math.Max(1, Math.Abs(upper[i]));
            if (atLower && double.IsFinite(lower[i])) result[i] = relativeStep == 0 ? Math.BitIncrement(lower[i]) : lower[i] + relativeStep * Math.Max(1, Math.Abs(lower[i]));
            else if (atUpper && double.IsFinite(upper[i])) result[i] = relativeStep == 0 ? Math.BitDecrement(upper[i]) : upper[i] - relativeStep * Math.Max(1, Math.Abs(upper[i]));
            if (result[i] < lower[i] || result[i] > upper[i]) result[i] = 0.5 * (lower[i] + upper[i]);
        }
        return result;
    }

    private static double[] TransposeTimes(double[] j, double[] f, int n, int m)
    {
        var g = new double[m];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < m; c++) g[c] += j[r * m + c] * f[r];
        return g;
    }
}
