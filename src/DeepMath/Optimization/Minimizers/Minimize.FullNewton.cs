using DeepMath.Tensors;

namespace DeepMath.Optimization.Minimizers;

public static partial class Minimize
{
    /// <summary>
    /// Newton's method with the full Hessian (<see cref="DeepMath.Calculus.Newton.Minimize"/>: autodiff Hessian,
    /// modified Cholesky with a floor, Armijo backtracking), reported like every other minimizer here. A
    /// stationary point whose Hessian has a negative eigenvalue ends with <see cref="StopReason.NotAMinimum"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The objective was not made from a tensor function (the Hessian needs autodiff).</exception>
    public static MinimizeResult Newton(Objective objective, double[] start, MinimizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        var f = objective.TensorFunction
            ?? throw new ArgumentException("Newton's method needs the Hessian by autodiff: make the objective with Objective.FromTensorFunction (or use TrustRegionNewton).", nameof(objective));
        options ??= new MinimizeOptions();
        options.Validate();
        int cap = options.Iterations(100);
        if (start.Length == 0 || !ArrayMath.AllFinite(start)) throw new ArgumentException("The starting point is empty or has NaN or infinite entries.", nameof(start));
        var result = DeepMath.Calculus.Newton.Minimize(f, Tensor.FromArray((double[])start.Clone()), options.GradientTolerance, cap, throwOnFailure: false);
        var reason = result.Converged ? StopReason.GradientTolerance
            : result.StationaryPoint is "saddle point" or "maximum" ? StopReason.NotAMinimum
            : result.Iterations >= cap ? StopReason.MaxIterations
            : result.Message.Contains("not finite", StringComparison.Ordinal) ? StopReason.NonFiniteValue
            : StopReason.LineSearchFailed;
        double[] x = result.Solution.ToArray();
        var (_, gradient) = objective.ValueAndGradient(x, out _);
        return new MinimizeResult
        {
            Method = "Newton",
            Solution = result.Solution,
            Value = result.Value,
            Gradient = Tensor.FromArray(gradient),
            GradientNorm = ArrayMath.MaxAbs(gradient),
            Iterations = result.Iterations,
            FunctionEvaluations = result.Iterations + 1,
            GradientEvaluations = result.Iterations + 1,
            Reason = reason,
            Message = result.Message,
            Path = options.RecordPath ? result.Path : [],
        };
    }
}
