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
    /// No limit could be established: the values oscillate, the one-sided limits disagree, or the
    /// extrapolation did not settle to the requested tolerance.
    /// </summary>
    DoesNotExist,
}
