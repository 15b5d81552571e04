namespace DeepMath.Calculus;

/// <summary>A numerically estimated derivative.</summary>
/// <param name="Value">The estimate (NaN if no finite difference quotient could be formed).</param>
/// <param name="ErrorEstimate">Estimated absolute error, a bound on the true one; +infinity when no step gave a stable answer.</param>
public sealed record DerivativeResult(double Value, double ErrorEstimate)
{
    /// <summary>Whether some step gave a stable answer (the error estimate is finite).</summary>
    public bool Converged => double.IsFinite(ErrorEstimate) && double.IsFinite(Value);

    /// <summary>
    /// Returns this result when it converged and, if <paramref name="relativeTolerance"/> is given, when its
    /// error estimate is within that fraction of |Value| (d/dx (cos x - 1 + x²/2) at 1e-3 converges, but the
    /// cancellation inside f leaves only about four digits: 1e-8 would be refused).
    /// </summary>
    /// <exception cref="ConvergenceException">No stable answer, or not as accurate as asked; the exception carries the best estimate and its error.</exception>
    public DerivativeResult EnsureConverged(double relativeTolerance = double.PositiveInfinity)
    {
        if (!(relativeTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, "relativeTolerance must be positive.");
        if (!Converged)
            throw new ConvergenceException(
                $"No step size gave a stable derivative (best estimate {Value:G6}): f changes on a scale below every step the search could take, or is not differentiable here.",
                Value, ErrorEstimate, 0);
        if (!double.IsPositiveInfinity(relativeTolerance) && !(ErrorEstimate <= relativeTolerance * Math.Abs(Value)))
            throw new ConvergenceException(
                $"The derivative {Value:G6} is only known to within {ErrorEstimate:G3}, not to {relativeTolerance:G3} of its size (rounding in f limits the accuracy).",
                Value, ErrorEstimate, 0);
        return this;
    }
}
