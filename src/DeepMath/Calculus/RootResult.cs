namespace DeepMath.Calculus;

/// <summary>The outcome of a root search.</summary>
/// <param name="Root">The best approximation of the root.</param>
/// <param name="FunctionValue">f at <paramref name="Root"/>.</param>
/// <param name="Iterations">How many iterations were performed.</param>
/// <param name="Converged">Whether the tolerance was met.</param>
/// <param name="Path">The successive iterates, starting point first (for plotting and diagnostics).</param>
public sealed record RootResult(double Root, double FunctionValue, int Iterations, bool Converged, IReadOnlyList<double> Path);
