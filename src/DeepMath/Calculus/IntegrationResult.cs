namespace DeepMath.Calculus;

/// <summary>The outcome of a numerical integration.</summary>
/// <param name="Value">The best available estimate of the integral (NaN when the integrand produced NaN or infinity).</param>
/// <param name="ErrorEstimate">An estimate of the absolute error of <paramref name="Value"/>.</param>
/// <param name="Evaluations">How many times the integrand was evaluated.</param>
/// <param name="Converged">Whether the requested tolerance was met.</param>
public sealed record IntegrationResult(double Value, double ErrorEstimate, int Evaluations, bool Converged);
