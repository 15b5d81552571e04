namespace DeepMath.Calculus;

/// <summary>A numerically estimated derivative.</summary>
/// <param name="Value">The estimate (NaN if no finite difference quotient could be formed).</param>
/// <param name="ErrorEstimate">Estimated absolute error (+infinity when no estimate could be checked).</param>
public sealed record DerivativeResult(double Value, double ErrorEstimate);
