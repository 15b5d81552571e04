namespace DeepMath.Calculus;

/// <summary>A numerically estimated derivative.</summary>
/// <param name="Value">The estimate (NaN if no finite difference quotient could be formed).</param>
/// <param name="ErrorEstimate">Estimated absolute error, a bound on the true one; +infinity when no step gave a stable answer.</param>
public sealed record DerivativeResult(double Value, double ErrorEstimate)
{
    /// <summary>Whether some step gave a stable answer (the error estimate is finite).</summary>
    public bool Converged => double.IsFinite(ErrorEstimate) && double.IsFinite(Value);

    /// <summary>Returns this result when it converged.</summary>
    /// <exception cref="ConvergenceException">No step gave a stable answer; the exception carries the best estimate.</exception>
    public DerivativeResult EnsureConverged()
        => Converged ? this : throw new ConvergenceException(
            $"No step size gave a stable derivative (best estimate {Value:G6}): f changes on a scale below every step the search could take, or is not differentiable here.",
            Value, ErrorEstimate, 0);
}
