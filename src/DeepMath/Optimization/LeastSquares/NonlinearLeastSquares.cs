using DeepMath.LinearAlgebra;
using DeepMath.Optimization.Minimizers;
using DeepMath.Tensors;

namespace DeepMath.Optimization.LeastSquares;

/// <summary>
/// Nonlinear least squares, min Σ r_i(p)²: Levenberg-Marquardt with MINPACK's column scaling (D_j the
/// largest Jacobian column norm seen so far, so the method is invariant to the parameters' units), each
/// damped step solved by Householder QR of [J; √μ D] (never the normal equations, which square the
/// condition number: NIST's MGH09 and Bennett5 need the digits), and Nielsen's damping update from the
/// agreement between actual and predicted reduction. Jacobians come from automatic differentiation for
/// tensor functions (1 + p reverse passes), or from the caller, or from forward differences.
/// </summary>
public static partial class NonlinearLeastSquares
{
    /// <summary>Minimizes the sum of squares of the residual tensor function from <paramref name="start"/>.</summary>
    public static LeastSquaresResult LevenbergMarquardt(Func<Tensor<double>, Tensor<double>> residuals, Tensor<double> start, LeastSquaresOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (start.Rank != 1) throw new ArgumentException($"The starting parameters must be a 1-D tensor, got shape {start.Shape}.", nameof(start));
        return Solve(ResidualFunction.FromTensor(residuals), start.Contiguous().ToArray(), options ?? new LeastSquaresOptions());
    }

    /// <summary>
    /// Minimizes the sum of squares of plain residual functions; without <paramref name="jacobian"/>
    /// (residuals x parameters), forward differences are used.
    /// </summary>
    public static LeastSquaresResult LevenbergMarquardtOnArrays(Func<double[], double[]> residuals, Func<double[], double[,]>? jacobian, double[] start,
        LeastSquaresOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        return Solve(ResidualFunction.FromDelegates(residuals, jacobian), (double[])start.Clone(), options ?? new LeastSquaresOptions());
    }

    internal static LeastSquaresResult Solve(ResidualFunction function, double[] start, LeastSquaresOptions options)
    {
        var result = SolveScaled(function, start, options, options.Scaling != ParameterScaling.Unit);
        if (options.Scaling != ParameterScaling.Jacobian || (result.Converged && !Degenerate(result))) return result;
        // A parameter lost all influence (a plateau at infinity, such as BoxBOD's rate from its first start):
        // the Jacobian scaling made that parameter cheap to move. Retry unscaled; keep the better fit.
        var unit = SolveScaled(function, start, options, jacobianScaling: false);
        return (unit.Converged && !Degenerate(unit) && unit.ResidualSumOfSquares <= result.ResidualSumOfSquares) || !result.Converged && unit.Converged ? unit : result;
    }

    /// <summary>Whether some Jacobian column is zero to working precision at the solution.</summary>
    private static bool Degenerate(LeastSquaresResult result)
    {
        var j = result.Jacobian.Contiguous().ToArray();
        int n = result.Jacobian.Shape[0], m = result.Jacobian.Shape[1];
        double largest = 0;
        foreach (double v in j) largest = Math.Max(largest, Math.Abs(v));
        for (int c = 0; c < m; c++)
        {
            double column = 0;
            for (int i = 0; i < n; i++) column = Math.Max(column, Math.Abs(j[i * m + c]));
            if (!(column > 1e-12 * largest)) return true;
        }
        return false;
    }

    private static LeastSquaresResult SolveScaled(ResidualFunction function, double[] start, LeastSquaresOptions options, bool jacobianScaling)
    {
        options.Validate();
        int m = start.Length;
        if (m == 0) throw new ArgumentException("There are no parameters to fit.", nameof(start));
        if (!ArrayMath.AllFinite(start)) throw new ArgumentException("The starting parameters have NaN or infinite entries.", nameof(start));
        var p = (double[])start.Clone();
        var r = function.Residuals(p);
        int n = r.Length;
        if (n < m) throw new ArgumentException($"{n} residuals cannot determine {m} parameters: least squares needs at least as many residuals as parameters.");
        double cost = SumOfSquares(r);
        if (!double.IsFinite(cost)) throw new ArgumentException("The residuals at the starting parameters are NaN or infinite.", nameof(start));
        var jacobian = function.Jacobian(p, r);
        var scale = new double[m];
        if (jacobianScaling) UpdateScale(scale, jacobian, n, m);
        else Array.Fill(scale, 1.0);
        double mu = options.InitialDamping, nu = 2;
        double radius = 100 * Math.Max(ScaledNorm(p, scale), 1);
        int iteration = 0;
        StopReason reason = StopReason.MaxIterations;
        string message = $"the iteration cap ({options.MaxIterations}) was reached";
        while (iteration < options.MaxIterations)
        {
            if (cost == 0) { reason = StopReason.FunctionTolerance; message = "the residuals are exactly zero"; break; }
            if (ScaledGradient(jacobian, r, cost, n, m) <= options.GradientTolerance)
            {
                reason = StopReason.GradientTolerance;
                message = $"the residuals are orthogonal to the Jacobian's columns to within {options.GradientTolerance:G3}";
                break;
            }
            iteration++;
            var step = DampedStep(jacobian, r, scale, mu, n, m);
            double scaledStep = ScaledNorm(step, scale), scaledP = ScaledNorm(p, scale);
            // MINPACK's bound on the step (initially 100 ||D p||): raise the damping until the step fits, so an
            // early Gauss-Newton step cannot throw a parameter onto a plateau it never comes back from (BoxBOD).
            for (int tries = 0; scaledStep > radius && tries < 100; tries++)
            {
                mu *= Math.Max(2, scaledStep / radius);
                step = DampedStep(jacobian, r, scale, mu, n, m);
                scaledStep = ScaledNorm(step, scale);
            }
            var candidate = ArrayMath.Step(p, 1, step);
            var rc = function.Residuals(candidate);
            double candidateCost = SumOfSquares(rc);
            double predicted = cost - SumOfSquares(LinearizedResiduals(jacobian, r, step, n, m));
            double actual = cost - candidateCost;
            double rho = predicted > 0 && double.IsFinite(candidateCost) ? actual / predicted : -1;
            if (rho > 1e-4)
            {
                p = candidate; r = rc; cost = candidateCost;
                jacobian = function.Jacobian(p, r);
                if (jacobianScaling) UpdateScale(scale, jacobian, n, m);
                double t = 2 * rho - 1;
                mu *= Math.Max(1.0 / 3, 1 - t * t * t);
                nu = 2;
                if (rho > 0.75) radius = Math.Max(radius, 3 * scaledStep);
                else if (rho < 0.25) radius = Math.Max(0.5 * scaledStep, 1e-300);
                if (actual <= options.FunctionTolerance * (cost + actual) && predicted <= options.FunctionTolerance * (cost + actual) && rho <= 2)
                {
                    reason = StopReason.FunctionTolerance;
                    message = $"the relative reduction of the sum of squares is within {options.FunctionTolerance:G3}";
                    break;
                }
            }
            else
            {
                mu *= nu;
                nu = Math.Min(2 * nu, 1e10);
                radius = Math.Max(0.5 * scaledStep, 1e-300);
            }
            if (scaledStep <= options.StepTolerance * scaledP)
            {
                reason = StopReason.StepTolerance;
                message = $"the step is within {options.StepTolerance:G3} of the parameters (relative, scaled)";
                break;
            }
            if (!(mu < 1e300))
            {
                reason = StopReason.LineSearchFailed;
                message = "the damping grew without a step that reduces the sum of squares (the residuals or their Jacobian are inconsistent, or the arithmetic is exhausted)";
                break;
            }
        }
        return Result(p, r, jacobian, n, m, cost, iteration, function, reason, message);
    }

    private static LeastSquaresResult Result(double[] p, double[] r, double[] jacobian, int n, int m, double sumOfSquares, int iterations,
        ResidualFunction function, StopReason reason, string message) => new()
        {
            Parameters = Tensor.FromArray(p),
            Residuals = Tensor.FromArray(r),
            Jacobian = Tensor.FromArray(jacobian, n, m),
            ResidualSumOfSquares = sumOfSquares,
            Iterations = iterations,
            FunctionEvaluations = function.Evaluations,
            JacobianEvaluations = function.JacobianEvaluations,
            Reason = reason,
            Message = message,
        };

    /// <summary>The step minimizing ||J s + r||² + μ ||D s||²: QR of the stacked (n + m) x m system.</summary>
    private static double[] DampedStep(double[] jacobian, double[] r, double[] scale, double mu, int n, int m)
    {
        var a = new double[(n + m) * m];
        Array.Copy(jacobian, a, n * m);
        double root = Math.Sqrt(mu);
        for (int j = 0; j < m; j++) a[(n + j) * m + j] = root * scale[j];
        var b = new double[n + m];
        for (int i = 0; i < n; i++) b[i] = -r[i];
        return SmallQr.LeastSquares(a, n + m, m, b);
    }

    private static double[] LinearizedResiduals(double[] jacobian, double[] r, double[] step, int n, int m)
    {
        var result = (double[])r.Clone();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) result[i] += jacobian[i * m + j] * step[j];
        return result;
    }

    /// <summary>MINPACK's scaling: D_j = max(D_j, ||J_j||), and 1 for a column that has always been 0.</summary>
    private static void UpdateScale(double[] scale, double[] jacobian, int n, int m)
    {
        for (int j = 0; j < m; j++)
        {
            double norm = 0, largest = 0;
            for (int i = 0; i < n; i++) largest = Math.Max(largest, Math.Abs(jacobian[i * m + j]));
            if (largest > 0)
                for (int i = 0; i < n; i++) { double t = jacobian[i * m + j] / largest; norm += t * t; }
            norm = largest * Math.Sqrt(norm);
            if (double.IsFinite(norm)) scale[j] = Math.Max(scale[j], norm);
            if (scale[j] == 0) scale[j] = 1;
        }
    }

    /// <summary>MINPACK's gnorm: max_j |J_jᵀ r| / (||J_j|| ||r||), the cosine between the residuals and each column.</summary>
    private static double ScaledGradient(double[] jacobian, double[] r, double cost, int n, int m)
    {
        double rNorm = Math.Sqrt(cost), g = 0;
        var column = new double[n];
        for (int j = 0; j < m; j++)
        {
            double dot = 0;
            for (int i = 0; i < n; i++) { column[i] = jacobian[i * m + j]; dot += column[i] * r[i]; }
            double norm = ArrayMath.Norm(column);
            if (norm > 0) g = Math.Max(g, Math.Abs(dot) / (norm * rNorm));
        }
        return double.IsNaN(g) ? double.PositiveInfinity : g;
    }

    private static double ScaledNorm(double[] v, double[] scale)
    {
        var scaled = new double[v.Length];
        for (int i = 0; i < v.Length; i++) scaled[i] = v[i] * scale[i];
        return ArrayMath.Norm(scaled);
    }

    private static double SumOfSquares(double[] r)
    {
        double scale = ArrayMath.MaxAbs(r);
        if (scale == 0 || !double.IsFinite(scale)) return scale == 0 ? 0 : double.PositiveInfinity;
        double s = 0;
        foreach (double v in r) { double t = v / scale; s += t * t; }
        return s * scale * scale;
    }
}
