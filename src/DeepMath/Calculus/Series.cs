namespace DeepMath.Calculus;

/// <summary>How <see cref="Series.Sum"/> accelerates a series.</summary>
public enum SeriesMethod
{
    /// <summary>Levin's u transform on the first terms, then Richardson and Wynn on longer partial sums if that does not settle.</summary>
    Automatic,

    /// <summary>Levin's u transform (remainder estimate (n + 1) a_n): alternating and logarithmically converging series.</summary>
    LevinU,

    /// <summary>Levin's t transform (remainder estimate a_n): alternating and linearly converging series.</summary>
    LevinT,

    /// <summary>Richardson (Neville) extrapolation and Wynn's epsilon algorithm on partial sums S_n at n = 8, 16, 32, ...</summary>
    Richardson,

    /// <summary>Plain partial sums until a term no longer changes the sum.</summary>
    Direct,
}

/// <summary>The outcome of <see cref="Series.Sum"/>.</summary>
/// <param name="Value">The sum (the best estimate when not converged).</param>
/// <param name="ErrorEstimate">Estimated absolute error.</param>
/// <param name="Converged">Whether the error estimate is within the tolerance.</param>
/// <param name="Terms">Terms evaluated.</param>
/// <param name="Method">The method that produced the value.</param>
public sealed record SeriesResult(double Value, double ErrorEstimate, bool Converged, long Terms, SeriesMethod Method);

/// <summary>
/// Sums of infinite series Σ_{n &gt;= start} a(n), accelerated so that slowly converging series need
/// few terms: Levin's u and t transforms (Σ 1/n² = π²/6 from about 20 terms, the alternating
/// harmonic series and Leibniz's series for π/4 from fewer), Richardson extrapolation in 1/n and
/// Wynn's epsilon algorithm on partial sums at n = 8·2^k (for what Levin cannot settle), or plain
/// partial sums. Every method has a cap on terms and reports whether it reached the tolerance.
/// </summary>
public static class Series
{
    /// <summary>Most terms the Levin transforms use.</summary>
    private const int LevinTerms = 60;

    /// <summary>Sums Σ_{n = start}^{∞} term(n).</summary>
    /// <param name="term">The n-th term; it must be finite.</param>
    /// <param name="start">The first index.</param>
    /// <param name="tolerance">Relative tolerance (&gt; 0) against |sum| (absolute when the sum is 0).</param>
    /// <param name="maxTerms">The most terms evaluated (at least 16).</param>
    /// <param name="method">The acceleration.</param>
    /// <param name="throwOnFailure">Throw <see cref="ConvergenceException"/> (with the best estimate) instead of returning an unconverged result.</param>
    /// <exception cref="ConvergenceException">Not converged within the cap (when <paramref name="throwOnFailure"/>).</exception>
    /// <exception cref="ArgumentException">A term is not finite, or an argument is out of range (named).</exception>
    public static SeriesResult Sum(Func<long, double> term, long start = 0, double tolerance = 1e-12, long maxTerms = 1_000_000,
        SeriesMethod method = SeriesMethod.Automatic, bool throwOnFailure = true)
    {
        ArgumentNullException.ThrowIfNull(term);
        Guard.PositiveTolerance(tolerance, nameof(tolerance));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTerms, 16);
        if (!Enum.IsDefined(method)) throw new ArgumentException($"Unknown series method {(int)method}.", nameof(method));
        var result = method switch
        {
            SeriesMethod.LevinU => Levin(term, start, tolerance, (int)Math.Min(LevinTerms, maxTerms), u: true),
            SeriesMethod.LevinT => Levin(term, start, tolerance, (int)Math.Min(LevinTerms, maxTerms), u: false),
            SeriesMethod.Richardson => Richardson(term, start, tolerance, maxTerms),
            SeriesMethod.Direct => Direct(term, start, tolerance, maxTerms),
            _ => Automatic(term, start, tolerance, maxTerms),
        };
        if (!result.Converged && throwOnFailure)
            throw new ConvergenceException(
                $"The series did not converge to the tolerance {tolerance:G3} ({result.Method}, {result.Terms} terms): best estimate {result.Value:R}, error about {result.ErrorEstimate:G3}.",
                result.Value, result.ErrorEstimate, (int)Math.Min(result.Terms, int.MaxValue));
        return result;
    }

    private static SeriesResult Automatic(Func<long, double> term, long start, double tolerance, long maxTerms)
    {
        var levin = Levin(term, start, tolerance, (int)Math.Min(LevinTerms, maxTerms), u: true);
        if (levin.Converged) return levin;
        var richardson = Richardson(term, start, tolerance, maxTerms);
        return richardson.Converged || richardson.ErrorEstimate < levin.ErrorEstimate ? richardson : levin;
    }

    private static double Term(Func<long, double> term, long n)
    {
        double a = term(n);
        if (!double.IsFinite(a)) throw new ArgumentException($"The series term at n = {n} is {a}; every term must be finite.", nameof(term));
        return a;
    }

    /// <summary>
    /// Levin's transform T_k = Σ_j (-1)^j C(k, j) ((1 + j) / (1 + k))^(k-1) S_j / ω_j over Σ_j the same
    /// without S_j, with ω_j = (j + 1) a_j (u) or a_j (t); the estimate is the smallest difference between
    /// successive orders, and the value the order where it occurs.
    /// </summary>
    private static SeriesResult Levin(Func<long, double> term, long start, double tolerance, int terms, bool u)
    {
        var partial = new double[terms];
        var a = new double[terms];
        double sum = 0;
        for (int j = 0; j < terms; j++)
        {
            a[j] = Term(term, start + j);
            sum += a[j];
            partial[j] = sum;
        }
        var method = u ? SeriesMethod.LevinU : SeriesMethod.LevinT;
        double best = partial[^1], bestError = double.PositiveInfinity, previous = double.NaN;
        for (int k = 1; k < terms; k++)
        {
            double numerator = 0, denominator = 0, binomial = 1;
            bool usable = true;
            for (int j = 0; j <= k; j++)
            {
                double omega = u ? (j + 1.0) * a[j] : a[j];
                if (omega == 0)
                {
                    usable = false;
                    break;
                }
                double weight = (j % 2 == 0 ? 1 : -1) * binomial * Math.Pow((1.0 + j) / (1.0 + k), k - 1) / omega;
                numerator += weight * partial[j];
                denominator += weight;
                binomial = binomial * (k - j) / (j + 1);
            }
            if (!usable) break; // a zero term: the series ended (or the transform does not apply)
            double estimate = numerator / denominator;
            if (!double.IsFinite(estimate)) break;
            if (double.IsFinite(previous))
            {
                double error = Math.Abs(estimate - previous);
                if (error < bestError)
                {
                    bestError = error;
                    best = estimate;
                }
                if (error <= tolerance * Math.Abs(estimate)) return new SeriesResult(estimate, error, true, k + 1, method);
            }
            previous = estimate;
        }
        if (bestError == double.PositiveInfinity && a.All(v => v == 0)) return new SeriesResult(0, 0, true, terms, method);
        return new SeriesResult(best, bestError, bestError <= tolerance * Math.Abs(best), terms, method);
    }

    /// <summary>Partial sums at n = 8, 16, 32, ... extrapolated to n = ∞ in h = 1/n (Neville and Wynn, as <see cref="Limit"/> does).</summary>
    private static SeriesResult Richardson(Func<long, double> term, long start, double tolerance, long maxTerms)
    {
        var steps = new List<double>();
        var values = new List<double>();
        double sum = 0;
        long n = 0;
        for (long checkpoint = 8; checkpoint <= maxTerms; checkpoint *= 2)
        {
            for (; n < checkpoint; n++) sum += Term(term, start + n);
            steps.Add(1.0 / checkpoint);
            values.Add(sum);
            if (values.Count >= 6)
            {
                var estimate = SequenceLimit.Analyze(steps.ToArray(), values.ToArray(), tolerance);
                if (estimate.Kind == LimitKind.Finite) return new SeriesResult(estimate.Value, estimate.Error, true, n, SeriesMethod.Richardson);
            }
        }
        var last = SequenceLimit.Analyze(steps.ToArray(), values.ToArray(), tolerance);
        bool settled = last.Kind is LimitKind.Finite or LimitKind.NotConverged;
        return new SeriesResult(settled ? last.Value : sum, settled ? last.Error : double.PositiveInfinity, last.Kind == LimitKind.Finite, n, SeriesMethod.Richardson);
    }

    /// <summary>Partial sums until a term is below the tolerance of the sum four times in a row.</summary>
    private static SeriesResult Direct(Func<long, double> term, long start, double tolerance, long maxTerms)
    {
        double sum = 0, compensation = 0, lastTerm = double.PositiveInfinity;
        int small = 0;
        for (long n = 0; n < maxTerms; n++)
        {
            double a = Term(term, start + n);
            double y = a - compensation, t = sum + y; // Kahan: long sums keep their digits
            compensation = (t - sum) - y;
            sum = t;
            lastTerm = Math.Abs(a);
            small = lastTerm <= tolerance * Math.Abs(sum) ? small + 1 : 0;
            if (small >= 4) return new SeriesResult(sum, lastTerm, true, n + 1, SeriesMethod.Direct);
        }
        return new SeriesResult(sum, lastTerm, false, maxTerms, SeriesMethod.Direct);
    }
}
