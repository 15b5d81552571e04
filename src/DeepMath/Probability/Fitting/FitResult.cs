using DeepMath.Probability.Distributions;

namespace DeepMath.Probability.Fitting;

/// <summary>One parameter of a fitted distribution.</summary>
/// <param name="Name">The constructor parameter's name.</param>
/// <param name="Estimate">The maximum likelihood estimate (or the fixed value).</param>
/// <param name="StandardError">√ of the diagonal of the inverse observed information; NaN for a fixed parameter or where the likelihood is not smooth at the estimate (a support end such as Uniform's bounds or Pareto's scale).</param>
/// <param name="IsFixed">Whether the value was held fixed instead of estimated.</param>
public readonly record struct FittedParameter(string Name, double Estimate, double StandardError, bool IsFixed);

/// <summary>A maximum likelihood fit.</summary>
/// <typeparam name="T">The distribution type.</typeparam>
public sealed record FitResult<T> where T : UnivariateDistribution
{
    /// <summary>The fitted distribution.</summary>
    public required T Distribution { get; init; }

    /// <summary>The parameters in constructor order.</summary>
    public required IReadOnlyList<FittedParameter> Parameters { get; init; }

    /// <summary>The log-likelihood at the estimate.</summary>
    public required double LogLikelihood { get; init; }

    /// <summary>How many observations were fitted.</summary>
    public required int Observations { get; init; }

    /// <summary>How many parameters were estimated (not fixed).</summary>
    public int FreeParameters => Parameters.Count(p => !p.IsFixed);

    /// <summary>Akaike's information criterion 2k - 2 log L.</summary>
    public double Aic => 2 * FreeParameters - 2 * LogLikelihood;

    /// <summary>The Bayesian information criterion k log n - 2 log L.</summary>
    public double Bic => FreeParameters * Math.Log(Observations) - 2 * LogLikelihood;

    /// <summary>Whether the estimate met its tolerance (always true for a closed form).</summary>
    public required bool Converged { get; init; }

    /// <summary>"closed form", or the minimizer used on the unconstrained parameterisation.</summary>
    public required string Method { get; init; }

    /// <summary>The minimizer's iterations (0 for a closed form).</summary>
    public int Iterations { get; init; }

    /// <summary>The estimate of a parameter by name.</summary>
    /// <exception cref="KeyNotFoundException">No parameter has that name.</exception>
    public double this[string name] => Parameters.FirstOrDefault(p => p.Name == name) is { Name: not null } p ? p.Estimate
        : throw new KeyNotFoundException($"The fit of {typeof(T).Name} has no parameter '{name}'; it has {string.Join(", ", Parameters.Select(q => q.Name))}.");
}
