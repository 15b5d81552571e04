namespace DeepMath.Calculus;

/// <summary>Floating-point constants (note that <see cref="double.Epsilon"/> is the smallest subnormal, not the unit roundoff).</summary>
internal static class Precision
{
    /// <summary>The spacing of doubles at 1, 2^-52.</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>The smallest positive normal double, 2^-1022.</summary>
    public const double SmallestNormal = 2.2250738585072014e-308;
}
