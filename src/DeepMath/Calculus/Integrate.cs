namespace DeepMath.Calculus;

/// <summary>
/// Numerical integration: adaptive Gauss-Kronrod, tanh-sinh (double exponential), Newton-Cotes and
/// Romberg rules for functions, trapezoid and Simpson rules for sampled data, and plain Monte Carlo.
/// </summary>
public static partial class Integrate
{
    /// <summary>Shared failure path: throw when asked, otherwise hand back the unconverged result.</summary>
    private static IntegrationResult Finish(IntegrationResult result, bool throwOnFailure, string method, int iterations)
    {
        if (!result.Converged && throwOnFailure)
        {
            throw new ConvergenceException(
                $"{method} did not reach the requested tolerance (estimate {Guard.Format(result.Value)}, error estimate {Guard.Format(result.ErrorEstimate)}).",
                result.Value,
                result.ErrorEstimate,
                iterations);
        }

        return result;
    }

    /// <summary>Validates a pair of integration limits that may be infinite but not NaN.</summary>
    private static void CheckLimits(double a, double b)
    {
        Guard.NotNaN(a, nameof(a));
        Guard.NotNaN(b, nameof(b));
    }

    /// <summary>Validates a pair of integration limits that must be finite.</summary>
    private static void CheckFiniteLimits(double a, double b)
    {
        Guard.Finite(a, nameof(a));
        Guard.Finite(b, nameof(b));
    }
}
