namespace DeepMath.Calculus;

public static partial class Integrate
{
    /// <summary>
    /// The integral of an oscillating integrand over [a, +infinity), such as sin(x)/x (pi/2) or
    /// cos(x)/(1 + x^2) (pi/(2e)), where neither Gauss-Kronrod nor tanh-sinh converges: the range is cut at
    /// a + k * <paramref name="halfPeriod"/> (best at the integrand's zeros), each piece integrated by
    /// Gauss-Kronrod to well below the tolerance, and the alternating series of the pieces summed by
    /// Levin's t transform (<see cref="Series"/>), the approach of QUADPACK's QAWF.
    /// </summary>
    /// <param name="f">The integrand; it should change sign every half period and decay (as g(x) sin(w x) with g decreasing).</param>
    /// <param name="a">Finite lower limit.</param>
    /// <param name="halfPeriod">Distance between successive sign changes (pi / w for sin(w x)), &gt; 0.</param>
    /// <param name="tolerance">Relative tolerance (&gt; 0), absolute where the integral is 0.</param>
    /// <param name="maxPieces">Most pieces integrated (at least 16).</param>
    /// <param name="throwOnFailure">Throw <see cref="ConvergenceException"/> with the best estimate instead of returning an unconverged result.</param>
    /// <returns>The integral, its error estimate, the evaluation count and whether the tolerance was met.</returns>
    /// <exception cref="ConvergenceException">Not converged (when <paramref name="throwOnFailure"/>).</exception>
    public static IntegrationResult Oscillatory(Func<double, double> f, double a, double halfPeriod, double tolerance = 1e-10, int maxPieces = 10_000,
        bool throwOnFailure = true)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Finite(a, nameof(a));
        if (!(halfPeriod > 0) || !double.IsFinite(halfPeriod))
            throw new ArgumentException($"halfPeriod must be positive and finite, but was {Guard.Format(halfPeriod)}.", nameof(halfPeriod));
        Guard.PositiveTolerance(tolerance, nameof(tolerance));
        Guard.AtLeast(maxPieces, 16, nameof(maxPieces));
        int evaluations = 0;
        double pieceError = 0;
        double Piece(long k)
        {
            // Each piece well below the tolerance (relative to the piece), so the acceleration sees clean terms.
            var piece = GaussKronrod(f, a + (k * halfPeriod), a + ((k + 1) * halfPeriod), absoluteTolerance: 0,
                relativeTolerance: Math.Min(1e-13, tolerance * 1e-3), throwOnFailure: false);
            evaluations += piece.Evaluations;
            pieceError += piece.ErrorEstimate;
            if (!double.IsFinite(piece.Value))
                throw new ArgumentException($"The integrand is not finite on [{a + (k * halfPeriod)}, {a + ((k + 1) * halfPeriod)}].", nameof(f));
            return piece.Value;
        }
        var sum = Series.Sum(Piece, 0, tolerance, maxPieces, SeriesMethod.LevinT, throwOnFailure: false);
        if (!sum.Converged) sum = Series.Sum(Piece, 0, tolerance, maxPieces, SeriesMethod.Automatic, throwOnFailure: false);
        var result = new IntegrationResult(sum.Value, sum.ErrorEstimate + pieceError, evaluations, sum.Converged);
        return Finish(result, throwOnFailure, nameof(Oscillatory), (int)Math.Min(sum.Terms, int.MaxValue));
    }
}
