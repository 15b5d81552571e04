using DeepMath.Calculus;
using DeepMath.Tensors;

namespace DeepMath.Optimization.Minimizers;

/// <summary>The outcome of a minimization: where it stopped, why, and what it cost.</summary>
public sealed record MinimizeResult
{
    /// <summary>The method that produced this result.</summary>
    public required string Method { get; init; }

    /// <summary>The best point found (1-D).</summary>
    public required Tensor<double> Solution { get; init; }

    /// <summary>f at <see cref="Solution"/>.</summary>
    public required double Value { get; init; }

    /// <summary>The gradient at <see cref="Solution"/>; null for derivative-free methods.</summary>
    public Tensor<double>? Gradient { get; init; }

    /// <summary>The largest component of the (projected) gradient at <see cref="Solution"/>; NaN for derivative-free methods.</summary>
    public double GradientNorm { get; init; } = double.NaN;

    /// <summary>Iterations taken.</summary>
    public required int Iterations { get; init; }

    /// <summary>Evaluations of f (including those a finite-difference gradient spent).</summary>
    public required int FunctionEvaluations { get; init; }

    /// <summary>Evaluations of the gradient (each one also gives f).</summary>
    public int GradientEvaluations { get; init; }

    /// <summary>Hessian-vector products (Newton-CG, trust-region Newton).</summary>
    public int HessianVectorProducts { get; init; }

    /// <summary>Why the method stopped.</summary>
    public required StopReason Reason { get; init; }

    /// <summary>Whether a tolerance was met (<see cref="Reason"/> is one of the three tolerances).</summary>
    public bool Converged => Reason is StopReason.GradientTolerance or StopReason.StepTolerance or StopReason.FunctionTolerance;

    /// <summary>Why the method stopped, in words.</summary>
    public required string Message { get; init; }

    /// <summary>Every iterate from the start, when <see cref="MinimizeOptions.RecordPath"/> was set; otherwise empty.</summary>
    public IReadOnlyList<Tensor<double>> Path { get; init; } = [];

    /// <summary>Returns this result when it converged.</summary>
    /// <exception cref="ConvergenceException">It did not converge; the exception carries f at the best point and the gradient norm.</exception>
    public MinimizeResult EnsureConverged()
    {
        if (Converged) return this;
        throw new ConvergenceException($"{Method} did not converge: {Message} (after {Iterations} iterations and {FunctionEvaluations} function evaluations, f = {Value:G6}).",
            Value, GradientNorm, Iterations);
    }
}
