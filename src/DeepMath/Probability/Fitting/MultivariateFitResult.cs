namespace DeepMath.Probability.Fitting;

/// <summary>A maximum likelihood fit of a multivariate distribution.</summary>
/// <typeparam name="T">The distribution type.</typeparam>
public sealed record MultivariateFitResult<T>
{
    /// <summary>The fitted distribution.</summary>
    public required T Distribution { get; init; }

    /// <summary>The estimated parameters, flattened and named (e.g. mean[0], covariance[0,1], alpha[2]).</summary>
    public required IReadOnlyList<FittedParameter> Parameters { get; init; }

    /// <summary>The log-likelihood at the estimate.</summary>
    public required double LogLikelihood { get; init; }

    /// <summary>How many observations (rows) were fitted.</summary>
    public required int Observations { get; init; }

    /// <summary>How many free parameters the model has (a symmetric covariance counts d(d+1)/2).</summary>
    public required int FreeParameters { get; init; }

    /// <summary>Akaike's information criterion 2k - 2 log L.</summary>
    public double Aic => 2 * FreeParameters - 2 * LogLikelihood;

    /// <summary>The Bayesian information criterion k log n - 2 log L.</summary>
    public double Bic => FreeParameters * Math.Log(Observations) - 2 * LogLikelihood;

    /// <summary>Whether the estimate met its tolerance (always true for a closed form).</summary>
    public required bool Converged { get; init; }

    /// <summary>"closed form" or the minimizer used.</summary>
    public required string Method { get; init; }
}
