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
    IReadOnlyList<Tensor<double>> Path, string Message);

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
    /// Minimizes a scalar f: R^n -> R from <paramref name="initialGuess"/>: Newton steps H d = -g, made
    /// positive definite by Levenberg damping (H + lambda I) when needed, with Armijo backtracking.
    /// Converges when ||grad f|| &lt;= tolerance.
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
            if (gradNorm <= tolerance) return Finish(x, fx, gradNorm, k, true, path, "||grad f|| is within the tolerance", throwOnFailure);
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
        return Finish(x, fx, gradNorm, maxIterations, gradNorm <= tolerance, path,
            gradNorm <= tolerance ? "||grad f|| is within the tolerance" : $"no convergence in {maxIterations} iterations", throwOnFailure);
    }

    /// <summary>The Newton direction -H^-1 g, damped (H + lambda I) until it is a descent direction.</summary>
    private static Tensor<double> DescentDirection(Tensor<double> hessian, Tensor<double> gradient)
    {
        int n = gradient.Length;
        double scale = Math.Max(1e-8, hessian.Abs().Max().ToScalar());
        for (double lambda = 0; lambda < 1e12 * scale; lambda = lambda == 0 ? 1e-6 * scale : lambda * 10)
        {
            var lu = new LuDecomposition<double>(hessian + Tensor.Eye<double>(n) * lambda);
            if (lu.IsSingular) continue;
            var d = lu.Solve(-gradient);
            if ((d * gradient).Sum().ToScalar() < 0 && d.IsFinite().All()) return d;
        }
        return -gradient; // steepest descent as the last resort
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
