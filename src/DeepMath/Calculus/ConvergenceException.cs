namespace DeepMath.Calculus;

/// <summary>
/// Thrown by an iterative routine that hit its caps before meeting its tolerance.
/// Carries the best value reached so callers can still inspect it.
/// </summary>
public sealed class ConvergenceException : Exception
{
    /// <summary>Creates an exception with a default message and no value (NaN).</summary>
    public ConvergenceException()
        : this("The iteration did not converge.")
    {
    }

    /// <summary>Creates an exception with the given message and no value (NaN).</summary>
    /// <param name="message">Description of the failure.</param>
    public ConvergenceException(string message)
        : base(message)
    {
        Value = double.NaN;
        ErrorEstimate = double.NaN;
    }

    /// <summary>Creates an exception with the given message and cause, and no value (NaN).</summary>
    /// <param name="message">Description of the failure.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ConvergenceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Value = double.NaN;
        ErrorEstimate = double.NaN;
    }

    /// <summary>Creates an exception that reports the best value reached.</summary>
    /// <param name="message">Description of the failure.</param>
    /// <param name="value">The best estimate reached.</param>
    /// <param name="errorEstimate">The error estimate of <paramref name="value"/>.</param>
    /// <param name="iterations">How many iterations (subdivisions, levels, steps) were performed.</param>
    public ConvergenceException(string message, double value, double errorEstimate, int iterations)
        : base(message)
    {
        Value = value;
        ErrorEstimate = errorEstimate;
        Iterations = iterations;
    }

    /// <summary>The best estimate reached before giving up (NaN when none is available).</summary>
    public double Value { get; }

    /// <summary>The error estimate of <see cref="Value"/> (NaN when none is available).</summary>
    public double ErrorEstimate { get; }

    /// <summary>How many iterations were performed; the unit is stated by the throwing method.</summary>
    public int Iterations { get; }
}
