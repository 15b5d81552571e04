using DeepMath.Tensors;

namespace DeepMath.Optimization.Minimizers;

/// <summary>
/// Minimizers for a function a user writes (scipy.optimize.minimize's methods): quasi-Newton (BFGS,
/// L-BFGS, bound-constrained L-BFGS), nonlinear conjugate gradients, truncated and trust-region Newton
/// with Hessian-vector products, the derivative-free Nelder-Mead and Powell, and the book's gradient
/// descent with momentum. Derivatives come from automatic differentiation for tensor functions.
/// Every method is capped and says in its result why it stopped (<see cref="MinimizeResult.Reason"/>);
/// call <see cref="MinimizeResult.EnsureConverged"/> for an exception instead.
/// </summary>
public static partial class Minimize
{
    /// <summary>Minimizes a scalar tensor function of a 1-D tensor from <paramref name="start"/> with the given method.</summary>
    public static MinimizeResult Function(Func<Tensor<double>, Tensor<double>> f, Tensor<double> start, MinimizeMethod method = MinimizeMethod.Bfgs,
        MinimizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (start.Rank != 1) throw new ArgumentException($"The starting point must be a 1-D tensor, got shape {start.Shape}.", nameof(start));
        return Run(Objective.FromTensorFunction(f), start.Contiguous().ToArray(), method, options);
    }

    /// <summary>Minimizes <paramref name="objective"/> from <paramref name="start"/> with the given method.</summary>
    public static MinimizeResult Run(Objective objective, double[] start, MinimizeMethod method, MinimizeOptions? options)
        => method switch
        {
            MinimizeMethod.Bfgs => Bfgs(objective, start, options),
            MinimizeMethod.LBfgs => LBfgs(objective, start, options),
            MinimizeMethod.ConjugateGradientPolakRibiere => ConjugateGradient(objective, start, fletcherReeves: false, options),
            MinimizeMethod.ConjugateGradientFletcherReeves => ConjugateGradient(objective, start, fletcherReeves: true, options),
            MinimizeMethod.NewtonCg => NewtonCg(objective, start, options),
            MinimizeMethod.TrustRegionNewton => TrustRegionNewton(objective, start, options),
            MinimizeMethod.Newton => Newton(objective, start, options),
            MinimizeMethod.NelderMead => NelderMead(objective, start, options),
            MinimizeMethod.Powell => Powell(objective, start, options),
            MinimizeMethod.GradientDescent => GradientDescent(objective, start, 1e-3, options: options),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown minimization method."),
        };

    /// <summary>The standard stopping test of the gradient methods, or null to go on.</summary>
    private static StopReason? Stopped(MinimizationRun run, int iteration, int cap, double gradientNorm, double gradientTolerance)
    {
        if (gradientNorm <= gradientTolerance) return StopReason.GradientTolerance;
        if (iteration >= cap) return StopReason.MaxIterations;
        if (run.EvaluationsExhausted) return StopReason.MaxEvaluations;
        return null;
    }

    private static string Describe(StopReason reason, MinimizationRun run, int cap, double tolerance) => reason switch
    {
        StopReason.GradientTolerance => $"the largest gradient component is within {tolerance:G3}",
        StopReason.StepTolerance => $"the step is within {tolerance:G3}",
        StopReason.FunctionTolerance => $"the relative change of f is within {tolerance:G3}",
        StopReason.MaxIterations => MinimizationRun.CapMessage(reason, cap),
        StopReason.MaxEvaluations => MinimizationRun.CapMessage(reason, run.MaxEvaluations),
        StopReason.LineSearchFailed => "the line search found no step that decreases f enough (f is as small as the arithmetic allows, or the gradient is inconsistent with f)",
        StopReason.NonFiniteValue => "f or its gradient is NaN or infinite",
        _ => "the iterates diverged",
    };
}
