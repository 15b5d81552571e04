using DeepMath.Calculus;
using DeepMath.Optimization.Minimizers;
using DeepMath.Tensors;

namespace DeepMath.Optimization.LeastSquares;

/// <summary>The outcome of a nonlinear least-squares solve.</summary>
public sealed record LeastSquaresResult
{
    /// <summary>The parameters found.</summary>
    public required Tensor<double> Parameters { get; init; }

    /// <summary>The residuals r(parameters).</summary>
    public required Tensor<double> Residuals { get; init; }

    /// <summary>The Jacobian dr/dp at the parameters (residuals x parameters).</summary>
    public required Tensor<double> Jacobian { get; init; }

    /// <summary>Σ r², the residual sum of squares.</summary>
    public required double ResidualSumOfSquares { get; init; }

    /// <summary>Iterations (damped systems solved).</summary>
    public required int Iterations { get; init; }

    /// <summary>Evaluations of the residuals.</summary>
    public required int FunctionEvaluations { get; init; }

    /// <summary>Evaluations of the Jacobian.</summary>
    public required int JacobianEvaluations { get; init; }

    /// <summary>Why it stopped.</summary>
    public required StopReason Reason { get; init; }

    /// <summary>Whether a tolerance was met.</summary>
    public bool Converged => Reason is StopReason.GradientTolerance or StopReason.StepTolerance or StopReason.FunctionTolerance;

    /// <summary>Why it stopped, in words.</summary>
    public required string Message { get; init; }

    /// <summary>Returns this result when it converged.</summary>
    /// <exception cref="ConvergenceException">It did not; the exception carries the residual sum of squares reached.</exception>
    public LeastSquaresResult EnsureConverged()
    {
        if (Converged) return this;
        throw new ConvergenceException($"Levenberg-Marquardt did not converge: {Message} (after {Iterations} iterations, residual sum of squares {ResidualSumOfSquares:G6}).",
            ResidualSumOfSquares, double.NaN, Iterations);
    }
}
