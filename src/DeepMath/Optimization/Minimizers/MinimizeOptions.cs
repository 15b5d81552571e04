namespace DeepMath.Optimization.Minimizers;

/// <summary>
/// Stopping rules and caps shared by the minimizers; each method reads the ones that apply to it.
/// The defaults are scipy.optimize's where it has one.
/// </summary>
public sealed record MinimizeOptions
{
    /// <summary>Stop when the largest gradient component (projected, with bounds) is at most this. Default 1e-5 (scipy's gtol).</summary>
    public double GradientTolerance { get; init; } = 1e-5;

    /// <summary>
    /// Stop when the step is at most this (absolute, per component), for the derivative-free methods
    /// the simplex or bracket size. 0 disables it for the gradient methods. Default 1e-4 for Nelder-Mead
    /// and Powell (scipy's xatol/xtol), 0 elsewhere.
    /// </summary>
    public double? StepTolerance { get; init; }

    /// <summary>
    /// Stop when the function changes by at most this, relative to max(|f|, 1) (L-BFGS, the bounded
    /// method), or absolutely for Nelder-Mead and Powell. Null takes the method's default
    /// (2.2e-9 for L-BFGS as scipy's L-BFGS-B, 1e-4 for Nelder-Mead and Powell, 0 elsewhere).
    /// </summary>
    public double? FunctionTolerance { get; init; }

    /// <summary>Iteration cap. Null takes the method's default (200 n for Nelder-Mead, 1000 n for Powell, 10000 for gradient descent, 1000 otherwise).</summary>
    public int? MaxIterations { get; init; }

    /// <summary>Cap on function evaluations (gradient evaluations count once each). Null: the iteration cap for Nelder-Mead and Powell (as scipy), 100 times it otherwise.</summary>
    public int? MaxEvaluations { get; init; }

    /// <summary>Keep every iterate in <see cref="MinimizeResult.Path"/> (for drawing the path on a contour plot).</summary>
    public bool RecordPath { get; init; }

    /// <summary>Number of correction pairs L-BFGS keeps. Default 10 (scipy's maxcor).</summary>
    public int History { get; init; } = 10;

    /// <summary>Initial trust-region radius (trust-region Newton). Default 1.</summary>
    public double InitialTrustRadius { get; init; } = 1;

    /// <summary>Largest trust-region radius (trust-region Newton). Default 1000.</summary>
    public double MaxTrustRadius { get; init; } = 1000;

    internal int Iterations(int defaultCap) => MaxIterations ?? defaultCap;

    internal int Evaluations(int iterationCap) => MaxEvaluations ?? (int)Math.Min(int.MaxValue, 100L * iterationCap);

    internal void Validate()
    {
        if (!(GradientTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(GradientTolerance), GradientTolerance, "GradientTolerance must be at least 0.");
        if (StepTolerance is { } s && !(s >= 0)) throw new ArgumentOutOfRangeException(nameof(StepTolerance), s, "StepTolerance must be at least 0.");
        if (FunctionTolerance is { } f && !(f >= 0)) throw new ArgumentOutOfRangeException(nameof(FunctionTolerance), f, "FunctionTolerance must be at least 0.");
        if (MaxIterations is { } i && i < 0) throw new ArgumentOutOfRangeException(nameof(MaxIterations), i, "MaxIterations must be at least 0.");
        if (MaxEvaluations is { } e && e < 1) throw new ArgumentOutOfRangeException(nameof(MaxEvaluations), e, "MaxEvaluations must be at least 1.");
        if (History < 1) throw new ArgumentOutOfRangeException(nameof(History), History, "History must be at least 1.");
        if (!(InitialTrustRadius > 0) || !(MaxTrustRadius >= InitialTrustRadius))
            throw new ArgumentOutOfRangeException(nameof(InitialTrustRadius), InitialTrustRadius, "Trust radii must satisfy 0 < InitialTrustRadius <= MaxTrustRadius.");
    }
}
