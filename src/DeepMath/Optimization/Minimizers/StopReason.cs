namespace DeepMath.Optimization.Minimizers;

/// <summary>Why a minimizer stopped. The first three mean it converged; the rest do not.</summary>
public enum StopReason
{
    /// <summary>The gradient (projected onto the bounds, if any) fell within the gradient tolerance.</summary>
    GradientTolerance,

    /// <summary>The step (or the simplex, or the bracket) shrank within the step tolerance.</summary>
    StepTolerance,

    /// <summary>The function changed by less than the function tolerance.</summary>
    FunctionTolerance,

    /// <summary>The iteration cap was reached.</summary>
    MaxIterations,

    /// <summary>The cap on function evaluations was reached.</summary>
    MaxEvaluations,

    /// <summary>No step along the search direction decreased the function enough (often: the answer is as good as the arithmetic allows, or the gradient is wrong).</summary>
    LineSearchFailed,

    /// <summary>The function or its gradient became NaN or infinite where no smaller step helped.</summary>
    NonFiniteValue,

    /// <summary>The iterates grew without bound (fixed-step gradient descent with too large a rate).</summary>
    Diverged,

    /// <summary>The gradient vanished at a point whose Hessian has a negative eigenvalue: a saddle point or a maximum, not a minimum (Newton's method).</summary>
    NotAMinimum,
}
