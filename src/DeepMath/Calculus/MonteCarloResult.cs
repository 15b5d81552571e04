namespace DeepMath.Calculus;

/// <summary>The outcome of a plain Monte Carlo integration.</summary>
/// <param name="Value">The estimate: box volume times the sample mean of the integrand.</param>
/// <param name="StandardError">Box volume times the sample standard deviation over the square root of the sample count.</param>
/// <param name="Samples">How many points were drawn.</param>
public sealed record MonteCarloResult(double Value, double StandardError, int Samples);
