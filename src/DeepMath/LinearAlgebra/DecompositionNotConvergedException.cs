namespace DeepMath.LinearAlgebra;

/// <summary>
/// Thrown when an iterative decomposition (Jacobi sweeps, QR iterations) reaches its cap before its
/// convergence test: says which decomposition, of what shape, and how far it got.
/// </summary>
public sealed class DecompositionNotConvergedException : ArithmeticException
{
    /// <summary>Creates the exception with a default message.</summary>
    public DecompositionNotConvergedException()
        : base("The decomposition did not converge.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DecompositionNotConvergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DecompositionNotConvergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the number of iterations (sweeps) performed.</summary>
    public DecompositionNotConvergedException(string message, int iterations)
        : base(message)
    {
        Iterations = iterations;
    }

    /// <summary>Iterations (or sweeps) performed before giving up.</summary>
    public int Iterations { get; }
}
