using DeepMath.LinearAlgebra;
using DeepMath.Tensors;

namespace DeepMath.Calculus;

/// <summary>The outcome of an N-dimensional Newton iteration, with the path of iterates for plotting.</summary>
/// <param name="Solution">The last iterate.</param>
/// <param name="Value">||F(x)|| for systems; f(x) for minimization.</param>
/// <param name="GradientNorm">||grad f(x)|| for minimization; ||F(x)|| for systems.</param>
/// <param name="Iterations">Newton steps taken.</param>
/// <param name="Converged">Whether the tolerance was met.</param>
/// <param name="Path">Every iterate, starting with the initial guess.</param>
/// <param name="Message">Why the iteration stopped.</param>
public sealed record NewtonResult(Tensor<double> Solution, double Value, double GradientNorm, int Iterations, bool Converged,
    IReadOnlyList<Tensor<double>> Path, string Message)
{
    /// <summary>For minimization: what the final Hessian says the point is (minimum, saddle point, maximum, or degenerate); null for root finding.</summary>
    public string? StationaryPoint { get; init; }
}

/// <summary>
/// Newton's method in N dimensions with derivatives by automatic differentiation: root finding for
/// systems F(x) = 0 (Jacobian) and minimization of f(x) (gradient and Hessian), both damped by a
/// backtracking line search so they do not run away from a poor start, both capped.
/// </summary>
public static class Newton
{
    /// <summary>Solves F(x) = 0 for F: R^n -> R^n, starting from <paramref name="initialGuess"/> (a 1-D tensor).</summary>
    /// <exception cref="ConvergenceException">Not converged within the cap (when <paramref name="throwOnFailure"/>).</exception>
    public static NewtonResult SolveSystem(Func<Tensor<double>, Tensor<double>> f, Tensor<double> initialGuess,
        double tolerance = 1e-10, int maxIterations = 50, bool throwOnFailure = true)
    {
        ArgumentNullException.ThrowIfNull(f);
        var x = Start(initialGuess);
        var path = new List<Tensor<double>> { x };
        double residual = Residual(f, x, out var fx);
        if (fx.Shape != x.Shape) throw new ArgumentException($"SolveSystem needs F: R^n -> R^n, but F maps shape {x.Shape} to {fx.Shape}.");
        for (int k = 0; k < maxIterations; k++)
        {
            if (residual <= tolerance) return Finish(x, residual, residual, k, true, path, "||F(x)|| is within the tolerance", throwOnFailure);
            var jacobian = Derivatives.Jacobian(f, x);
            var lu = new LuDecomposition<double>(jacobian);
            if (lu.IsSingular) return Finish(x, residual, residual, k, false, path, "the Jacobian is singular", throwOnFailure);
            var step = lu.Solve(-fx);
            // Halve the step until ||F|| decreases (Armijo on 1/2 ||F||^2).
            double t = 1;
            Tensor<double> candidate;
            double candidateResidual;
            do
            {
                candidate = x + step * t;
                candidateResidual = Residual(f, candidate, out _);
                t /= 2;
            }
            while (!(candidateResidual <= (1 - 1e-4 * t) * residual) && t > 1e-10);
            if (!double.IsFinite(candidateResidual)) return Finish(x, residual, residual, k, false, path, "F is not finite along the Newton step", throwOnFailure);
            x = candidate;
            residual = Residual(f, x, out fx);
            path.Add(x);
        }
        return Finish(x, residual, residual, maxIterations, residual <= tolerance, path,
            residual <= tolerance ? "||F(x)|| is within the tolerance" : $"no convergence in {maxIterations} iterations", throwOnFailure);
    }

    /// <summary>
    /// Minimizes a scalar f: R^n -> R from <paramref name="initialGuess"/>: Newton steps (H + tau I) d = -g
    /// with the smallest tau that makes the Cholesky factorization succeed with every pivot above a floor
    /// (1e-8 of the Hessian's scale), so the step is a descent direction and the system stays well
    /// conditioned; Armijo backtracking. Converges when ||grad f|| &lt;= tolerance <em>and</em> the Hessian
    /// there is positive semidefinite: a stationary point with a negative curvature is reported as a
    /// saddle point (or maximum), not as a minimum (<see cref="NewtonResult.StationaryPoint"/>).
    /// </summary>
    /// <exception cref="ConvergenceException">Not converged within the cap (when <paramref name="throwOnFailure"/>).</exception>
    public static NewtonResult Minimize(Func<Tensor<double>, Tensor<double>> f, Tensor<double> initialGuess,
        double tolerance = 1e-10, int maxIterations = 100, bool throwOnFailure = true)
    {
        ArgumentNullException.ThrowIfNull(f);
        var x = Start(initialGuess);
        var path = new List<Tensor<double>> { x };
        var valueAndGrad = Derivatives.ValueAndGrad(f);
        var (value, gradient) = valueAndGrad(x);
        double fx = value.ToScalar(), gradNorm = gradient.Norm().ToScalar();
        for (int k = 0; k < maxIterations; k++)
        {
            if (gradNorm <= tolerance) return FinishMinimum(f, x, fx, gradNorm, k, path, throwOnFailure);
            if (!double.IsFinite(fx) || !double.IsFinite(gradNorm)) return Finish(x, fx, gradNorm, k, false, path, "f or its gradient is not finite", throwOnFailure);
            var hessian = Derivatives.Hessian(f, x);
            var direction = DescentDirection(hessian, gradient);
            double slope = (direction * gradient).Sum().ToScalar();
            double t = 1;
            Tensor<double> candidate;
            double candidateValue;
            do
            {
                candidate = x + direction * t;
                candidateValue = Value(f, candidate);
                t /= 2;
            }
            while (!(candidateValue <= fx + 1e-4 * 2 * t * slope) && t > 1e-12);
            if (!(candidateValue <= fx)) return Finish(x, fx, gradNorm, k, false, path, "the line search found no decrease", throwOnFailure);
            x = candidate;
            (value, gradient) = valueAndGrad(x);
            fx = value.ToScalar();
            gradNorm = gradient.Norm().ToScalar();
            path.Add(x);
        }
        if (gradNorm <= tolerance) return FinishMinimum(f, x, fx, gradNorm, maxIterations, path, throwOnFailure);
        return Finish(x, fx, gradNorm, maxIterations, false, path, $"no convergence in {maxIterations} iterations", throwOnFailure);
    }

    /// <summary>
    /// At a stationary point, the Hessian decides: positive definite is a minimum; a negative eigenvalue
    /// (no Cholesky factor of H + eps I) a saddle point, or a maximum when -H is positive definite;
    /// otherwise degenerate (semidefinite: a minimum cannot be confirmed to second order, but is not denied).
    /// </summary>
    private static NewtonResult FinishMinimum(Func<Tensor<double>, Tensor<double>> f, Tensor<double> x, double fx, double gradNorm, int iterations,
        List<Tensor<double>> path, bool throwOnFailure)
    {
        var h = Derivatives.Hessian(f, x).Contiguous().ToArray();
        int n = x.Length;
        double scale = Math.Max(double.Epsilon, h.Max(Math.Abs));
        double margin = 1e-8 * scale;
        string kind = TryCholesky(h, n, margin, 0, out _) ? "minimum"
            : TryCholesky(h, n, 0, margin, out _) ? "degenerate (positive semidefinite Hessian)"
            : TryCholesky([.. h.Select(v => -v)], n, margin, 0, out _) ? "maximum" : "saddle point";
        bool minimum = kind != "saddle point" && kind != "maximum";
        string message = minimum ? "||grad f|| is within the tolerance" : $"stopped at a {kind}: ||grad f|| is within the tolerance but the Hessian has a negative eigenvalue";
        var result = Finish(x, fx, gradNorm, iterations, minimum, path, message, throwOnFailure);
        return result with { StationaryPoint = kind };
    }

    /// <summary>
    /// The direction -(H + tau I)^-1 g for the smallest tau (0, or grown from 1e-3 of the Hessian's scale
    /// by doubling) whose Cholesky factorization has every pivot at least 1e-8 of that scale: a descent
    /// direction from a well-conditioned system (Nocedal and Wright, Algorithm 3.3, with a floor).
    /// </summary>
    private static Tensor<double> DescentDirection(Tensor<double> hessian, Tensor<double> gradient)
    {
        int n = gradient.Length;
        var h = hessian.Detach().Contiguous().ToArray();
        double scale = Math.Max(1e-300, h.Max(Math.Abs));
        double floor = 1e-8 * scale, step = 1e-3 * scale;
        double minDiagonal = Enumerable.Range(0, n).Min(i => h[i * n + i]);
        double tau = minDiagonal > floor ? 0 : step - minDiagonal;
        for (int attempt = 0; attempt < 200; attempt++)
        {
            if (TryCholesky(h, n, floor, tau, out var factor))
            {
                var d = CholeskySolve(factor, n, gradient.Contiguous().ToArray());
                for (int i = 0; i < n; i++) d[i] = -d[i];
                if (d.All(double.IsFinite)) return Tensor.FromArray(d);
            }
            tau = Math.Max(2 * tau, step);
        }
        return -gradient; // steepest descent as the last resort (a Hessian of NaN, say)
    }

    /// <summary>L with L L^T = H + tau I, when every pivot exceeds <paramref name="floor"/>.</summary>
    private static bool TryCholesky(double[] h, int n, double floor, double tau, out double[] l)
    {
        l = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            double d = h[j * n + j] + tau;
            for (int k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
            if (!(d > floor)) return false;
            double pivot = Math.Sqrt(d);
            l[j * n + j] = pivot;
            for (int i = j + 1; i < n; i++)
            {
                double s = 0.5 * (h[i * n + j] + h[j * n + i]);
                for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
                l[i * n + j] = s / pivot;
            }
        }
        return true;
    }

    /// <summary>x with L L^T x = b.</summary>
    private static double[] CholeskySolve(double[] l, int n, double[] b)
    {
        var y = (double[])b.Clone();
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < i; k++) y[i] -= l[i * n + k] * y[k];
            y[i] /= l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            for (int k = i + 1; k < n; k++) y[i] -= l[k * n + i] * y[k];
            y[i] /= l[i * n + i];
        }
        return y;
    }

    private static Tensor<double> Start(Tensor<double> initialGuess)
    {
        ArgumentNullException.ThrowIfNull(initialGuess);
        if (initialGuess.Rank != 1) throw new ArgumentException($"Newton needs a 1-D starting point, got shape {initialGuess.Shape}.");
        return initialGuess.Detach().Clone();
    }

    private static double Residual(Func<Tensor<double>, Tensor<double>> f, Tensor<double> x, out Tensor<double> fx)
    {
        using var _ = GradMode.Disable();
        fx = f(x).Detach();
        return fx.Norm().ToScalar();
    }

    private static double Value(Func<Tensor<double>, Tensor<double>> f, Tensor<double> x)
    {
        using var _ = GradMode.Disable();
        return f(x).ToScalar();
    }

    private static NewtonResult Finish(Tensor<double> x, double value, double gradNorm, int iterations, bool converged,
        List<Tensor<double>> path, string message, bool throwOnFailure)
    {
        var result = new NewtonResult(x, value, gradNorm, iterations, converged, path, message);
        if (!converged && throwOnFailure)
            throw new ConvergenceException($"Newton's method did not converge: {message} (after {iterations} iterations, ||.|| = {gradNorm:E3}).", value, gradNorm, iterations);
        return result;
    }
}
