namespace DeepMath.Optimization.Minimizers;

/// <summary>The outcome of a one-dimensional minimization.</summary>
/// <param name="X">The best point found.</param>
/// <param name="Value">f at <paramref name="X"/>.</param>
/// <param name="Iterations">Iterations taken.</param>
/// <param name="FunctionEvaluations">Evaluations of f (the bracket search included).</param>
/// <param name="Converged">Whether the bracket shrank within the tolerance before the cap.</param>
/// <param name="Lower">Lower end of the final bracket.</param>
/// <param name="Upper">Upper end of the final bracket.</param>
public sealed record ScalarMinimum(double X, double Value, int Iterations, int FunctionEvaluations, bool Converged, double Lower, double Upper);
