namespace DeepMath.Optimization.LeastSquares;

/// <summary>Which algorithm <see cref="CurveFit"/> uses.</summary>
public enum LeastSquaresMethod
{
    /// <summary>Levenberg-Marquardt, then trust-region reflective if it does not converge (and trust-region reflective whenever there are bounds).</summary>
    Auto,

    /// <summary>Levenberg-Marquardt only (no bounds).</summary>
    LevenbergMarquardt,

    /// <summary>Trust-region reflective only.</summary>
    TrustRegionReflective,
}

/// <summary>How Levenberg-Marquardt scales the parameters.</summary>
public enum ParameterScaling
{
    /// <summary>By the largest norm each Jacobian column has had (MINPACK's mode 1); if the fit ends where a parameter has no influence, it is retried unscaled and the better fit kept.</summary>
    Jacobian,

    /// <summary>Unscaled (scipy's least_squares with x_scale = 1).</summary>
    Unit,

    /// <summary>By the Jacobian columns only, without the unscaled retry.</summary>
    JacobianOnly,
}

/// <summary>Stopping rules and caps of <see cref="NonlinearLeastSquares"/> (MINPACK's, tightened by default).</summary>
public sealed record LeastSquaresOptions
{
    /// <summary>Stop when both the actual and the predicted relative reduction of the sum of squares are at most this. Default 1e-14.</summary>
    public double FunctionTolerance { get; init; } = 1e-14;

    /// <summary>Stop when the scaled step is at most this relative to the scaled parameters. Default 1e-12.</summary>
    public double StepTolerance { get; init; } = 1e-12;

    /// <summary>Stop when the largest scaled gradient component (cosine between residual and Jacobian columns) is at most this. Default 1e-15.</summary>
    public double GradientTolerance { get; init; } = 1e-15;

    /// <summary>Iteration cap (each iteration solves one damped system). Default 1000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Initial damping relative to the scaled Gauss-Newton system. Default 1e-3 (Nielsen's τ).</summary>
    public double InitialDamping { get; init; } = 1e-3;

    /// <summary>
    /// How parameters are scaled in the damping and the step bound. Default <see cref="ParameterScaling.Jacobian"/>
    /// (MINPACK's mode 1: invariant to the parameters' units), falling back to <see cref="ParameterScaling.Unit"/>
    /// when the fit ends where a parameter has no influence left.
    /// </summary>
    public ParameterScaling Scaling { get; init; } = ParameterScaling.Jacobian;

    /// <summary>The algorithm for <see cref="CurveFit"/>. Default <see cref="LeastSquaresMethod.Auto"/>.</summary>
    public LeastSquaresMethod Method { get; init; } = LeastSquaresMethod.Auto;

    internal void Validate()
    {
        if (!(FunctionTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(FunctionTolerance), FunctionTolerance, "FunctionTolerance must be at least 0.");
        if (!(StepTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(StepTolerance), StepTolerance, "StepTolerance must be at least 0.");
        if (!(GradientTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(GradientTolerance), GradientTolerance, "GradientTolerance must be at least 0.");
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "MaxIterations must be at least 1.");
        if (!(InitialDamping > 0) || !double.IsFinite(InitialDamping)) throw new ArgumentOutOfRangeException(nameof(InitialDamping), InitialDamping, "InitialDamping must be positive and finite.");
    }
}
