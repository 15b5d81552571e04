using DeepMath.Tensors;

namespace DeepMath.Optimization.LeastSquares;

/// <summary>A fitted model: estimates with their uncertainty and the goodness of fit.</summary>
public sealed record CurveFitResult
{
    /// <summary>The estimated parameters.</summary>
    public required Tensor<double> Parameters { get; init; }

    /// <summary>Standard errors of the estimates, √diag(covariance); NaN when the parameters are not identifiable (singular Jacobian).</summary>
    public required Tensor<double> StandardErrors { get; init; }

    /// <summary>The estimated covariance s² (JᵀJ)⁻¹ of the parameters (from the QR factors of J); NaN when singular.</summary>
    public required Tensor<double> Covariance { get; init; }

    /// <summary>Σ (y - ŷ)².</summary>
    public required double ResidualSumOfSquares { get; init; }

    /// <summary>s = √(RSS / (n - p)), the residual standard deviation.</summary>
    public required double ResidualStandardDeviation { get; init; }

    /// <summary>1 - RSS / Σ (y - ȳ)².</summary>
    public required double RSquared { get; init; }

    /// <summary>n - p.</summary>
    public required int DegreesOfFreedom { get; init; }

    /// <summary>The least-squares solve behind the fit (iterations, why it stopped, the Jacobian).</summary>
    public required LeastSquaresResult Solve { get; init; }

    /// <summary>Whether the solve converged.</summary>
    public bool Converged => Solve.Converged;
}
