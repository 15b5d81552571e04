namespace DeepMath.Calculus;

/// <summary>The outcome of a numerical limit.</summary>
/// <param name="Value">The limit: a number, ±infinity for infinite kinds, the best estimate when not converged, NaN when it does not exist.</param>
/// <param name="ErrorEstimate">Estimated absolute error of a finite limit (0 for infinite ones, the best achieved otherwise).</param>
/// <param name="Kind">What was established.</param>
/// <param name="Left">The limit from below when it was computed (a number or ±infinity), NaN otherwise.</param>
/// <param name="Right">The limit from above when it was computed (a number or ±infinity), NaN otherwise.</param>
public sealed record LimitResult(double Value, double ErrorEstimate, LimitKind Kind, double Left, double Right)
{
    /// <summary>
    /// True when the limit was established in the extended reals (finite to the tolerance, or ±infinity);
    /// false when it does not exist or was not established to the tolerance (<see cref="LimitKind.NotConverged"/>,
    /// whose best estimate is still in <see cref="Value"/>).
    /// </summary>
    public bool Exists => Kind is LimitKind.Finite or LimitKind.PositiveInfinity or LimitKind.NegativeInfinity;
}
