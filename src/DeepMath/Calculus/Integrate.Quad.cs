namespace DeepMath.Calculus;

public static partial class Integrate
{
    /// <summary>
    /// The integral of f over [a, b] for users who do not want to pick a rule, with an error estimate that
    /// can be trusted: adaptive Gauss-Kronrod (smooth integrands, infinite ranges) and tanh-sinh (endpoint
    /// singularities) both run, the one with the smaller error estimate is returned, and the error is at
    /// least the two rules' disagreement (three times it where it exceeds their own estimates). So an integrand whose endpoint singularity lies closer than
    /// double precision can resolve (1/sqrt(1 - x^2) on [-1, 1] is 1e-8 off whatever the rule) reports
    /// that error instead of a false success. Accepted when the error is within the absolute or the
    /// relative tolerance, as QUADPACK does. For oscillating integrands to infinity use <see cref="Oscillatory"/>.
    /// </summary>
    /// <param name="f">The integrand.</param>
    /// <param name="a">Lower limit (may be infinite).</param>
    /// <param name="b">Upper limit (may be infinite).</param>
    /// <param name="absoluteTolerance">Absolute error target (&gt;= 0).</param>
    /// <param name="relativeTolerance">Relative error target (&gt;= 0).</param>
    /// <param name="throwOnFailure">Throw <see cref="ConvergenceException"/> with the best estimate instead of returning an unconverged result.</param>
    /// <exception cref="ConvergenceException">The tolerance was not met (when <paramref name="throwOnFailure"/>).</exception>
    public static IntegrationResult Quad(Func<double, double> f, double a, double b, double absoluteTolerance = 1e-10, double relativeTolerance = 1e-10,
        bool throwOnFailure = true)
    {
        ArgumentNullException.ThrowIfNull(f);
        var kronrod = GaussKronrod(f, a, b, absoluteTolerance, relativeTolerance, maxIntervals: 2000, throwOnFailure: false);
        var tanhSinh = DoubleExponential(f, a, b, Math.Max(relativeTolerance, 1e-15), throwOnFailure: false);
        int evaluations = kronrod.Evaluations + tanhSinh.Evaluations;
        var candidates = new[] { kronrod, tanhSinh }.Where(r => double.IsFinite(r.Value) && double.IsFinite(r.ErrorEstimate)).ToArray();
        if (candidates.Length == 0)
            return Finish(new IntegrationResult(double.NaN, double.PositiveInfinity, evaluations, false), throwOnFailure, nameof(Quad), evaluations);
        // A rule that met its own tolerance is trusted over one that did not (tanh-sinh's estimate on an
        // integrand spoiled by rounding near the endpoint, 1/sqrt(1 - x^2) at 1, is no bound).
        var trusted = candidates.Where(r => r.Converged).ToArray();
        var best = (trusted.Length > 0 ? trusted : candidates).MinBy(r => r.ErrorEstimate)!;
        double disagreement = candidates.Length == 2 ? Math.Abs(kronrod.Value - tanhSinh.Value) : 0;
        var other = candidates.Length == 2 ? (ReferenceEquals(best, kronrod) ? tanhSinh : kronrod) : best;
        // Rules that disagree beyond their estimates are usually biased alike (both miss the mass of a
        // singularity closer than double precision resolves): three times the gap covers that. Otherwise
        // the gap bounds a trusted answer's error; an untrusted one may be off by the gap plus the other's estimate.
        double error = disagreement > kronrod.ErrorEstimate + tanhSinh.ErrorEstimate ? Math.Max(best.ErrorEstimate, 3 * disagreement)
            : best.Converged ? Math.Max(best.ErrorEstimate, disagreement)
            : Math.Max(best.ErrorEstimate, disagreement + (ReferenceEquals(other, best) ? 0 : other.ErrorEstimate));
        bool converged = error <= Math.Max(absoluteTolerance, relativeTolerance * Math.Abs(best.Value));
        return Finish(new IntegrationResult(best.Value, error, evaluations, converged), throwOnFailure, nameof(Quad), evaluations);
    }
}
