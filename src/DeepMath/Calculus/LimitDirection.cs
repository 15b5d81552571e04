namespace DeepMath.Calculus;

/// <summary>From which side a limit point is approached.</summary>
public enum LimitDirection
{
    /// <summary>Both sides; the limit exists only if the one-sided limits agree.</summary>
    TwoSided,

    /// <summary>From larger values, x = x0 + h with h decreasing to 0.</summary>
    FromAbove,

    /// <summary>From smaller values, x = x0 - h with h decreasing to 0.</summary>
    FromBelow,
}
