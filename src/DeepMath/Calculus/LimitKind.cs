namespace DeepMath.Calculus;

/// <summary>What a numerical limit computation established.</summary>
public enum LimitKind
{
    /// <summary>The limit is a finite number.</summary>
    Finite,

    /// <summary>The values grow without bound through positive numbers.</summary>
    PositiveInfinity,

    /// <summary>The values grow without bound through negative numbers.</summary>
    NegativeInfinity,

    /// <summary>
    /// No limit exists as far as the samples show: the values oscillate, or the one-sided limits disagree.
    /// </summary>
    DoesNotExist,

    /// <summary>
    /// The extrapolated values settle (a limit appears to exist) but not to the requested tolerance:
    /// <see cref="LimitResult.Value"/> is the best estimate and <see cref="LimitResult.ErrorEstimate"/> its error.
    /// </summary>
    NotConverged,
}
