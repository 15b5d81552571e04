namespace DeepMath.Calculus;

/// <summary>The outcome of a numerical limit.</summary>
/// <param name="Value">The limit: a number, ±infinity for infinite kinds, NaN when it does not exist.</param>
/// <param name="ErrorEstimate">Estimated absolute error of a finite limit (0 for infinite ones, the best achieved otherwise).</param>
/// <param name="Kind">What was established.</param>
/// <param name="Left">The limit from below when it was computed (a number or ±infinity), NaN otherwise.</param>
/// <param name="Right">The limit from above when it was computed (a number or ±infinity), NaN otherwise.</param>
public sealed record LimitResult(double Value, double ErrorEstimate, LimitKind Kind, double Left, double Right)
{
    /// <summary>True when the limit exists in the extended reals (finite or ±infinity), false for <see cref="LimitKind.DoesNotExist"/>.</summary>
    public bool Exists => Kind != LimitKind.DoesNotExist;
}
