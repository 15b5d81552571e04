using DeepMath.Tensors;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>A KL divergence: its value, and for a Monte Carlo estimate its standard error (0 for a closed form).</summary>
/// <param name="Value">KL(p ‖ q) in nats.</param>
/// <param name="StandardError">The Monte Carlo standard error; 0 when <paramref name="IsExact"/>.</param>
/// <param name="IsExact">Whether a closed form gave the value.</param>
/// <param name="Samples">The Monte Carlo sample size (0 for a closed form).</param>
public readonly record struct KlDivergence(double Value, double StandardError, bool IsExact, int Samples);

/// <summary>
/// Kullback-Leibler divergence KL(p ‖ q) = E_p[log p - log q], cross-entropy and entropy. Closed forms
/// for Normal, MultivariateNormal, Exponential, Gamma, Beta, Uniform, Poisson, Bernoulli, Categorical,
/// Dirichlet and Geometric pairs, written so that nearly equal distributions give tiny positive values
/// rather than 0 or a negative rounding error; a Monte Carlo estimate with its standard error otherwise.
/// A q with zero density where p has mass gives +∞.
/// </summary>
public static class KullbackLeibler
{
    /// <summary>KL(p ‖ q) by a closed form when one is known, otherwise by Monte Carlo with <paramref name="samples"/> draws from p.</summary>
    public static KlDivergence Divergence(UnivariateDistribution p, UnivariateDistribution q, int samples = 100_000, RandomGenerator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        var exact = ClosedForm(p, q);
        return exact.HasValue ? new KlDivergence(exact.Value, 0, true, 0) : MonteCarlo(p, q, samples, generator);
    }

    /// <summary>The closed form of KL(p ‖ q), or null when the pair has none here.</summary>
    public static double? ClosedForm(UnivariateDistribution p, UnivariateDistribution q)
    {
        switch (p, q)
        {
            case (Normal a, Normal b):
            {
                // ½[(σa/σb)² - 1 - 2 log(σa/σb)] + (μa - μb)²/(2σb²): the bracket as expm1(t) - t, t = 2 log(σa/σb).
                double t = 2 * Log1P((a.Std - b.Std) / b.Std), d = (a.Mean - b.Mean) / b.Std;
                return 0.5 * ExpM1MinusX(t) + 0.5 * d * d;
            }
            case (Exponential a, Exponential b):
            {
                double t = Math.Log(b.Rate / a.Rate); // KL = λb/λa - 1 - log(λb/λa) = expm1(t) - t
                return ExpM1MinusX(t);
            }
            case (Gamma a, Gamma b):
                return (a.Shape - b.Shape) * Digamma(a.Shape) - LogGamma(a.Shape) + LogGamma(b.Shape)
                    + b.Shape * (Math.Log(a.Rate) - Math.Log(b.Rate)) + a.Shape * (b.Rate - a.Rate) / a.Rate;
            case (Beta a, Beta b):
                return LogBeta(b.Alpha, b.BetaParameter) - LogBeta(a.Alpha, a.BetaParameter)
                    + (a.Alpha - b.Alpha) * Digamma(a.Alpha) + (a.BetaParameter - b.BetaParameter) * Digamma(a.BetaParameter)
                    + (b.Alpha - a.Alpha + b.BetaParameter - a.BetaParameter) * Digamma(a.Alpha + a.BetaParameter);
            case (Uniform a, Uniform b):
                return a.Lower >= b.Lower && a.Upper <= b.Upper ? Math.Log((b.Upper - b.Lower) / (a.Upper - a.Lower)) : double.PositiveInfinity;
            case (Poisson a, Poisson b):
                if (a.Rate == 0) return b.Rate;
                if (b.Rate == 0) return double.PositiveInfinity;
                return b.Rate * ((a.Rate / b.Rate) * Math.Log(a.Rate / b.Rate) - a.Rate / b.Rate + 1); // λb·g(λa/λb) with g(r) = r log r - r + 1 >= 0
            case (Bernoulli a, Bernoulli b):
                return DiscreteKl([1 - a.P, a.P], [1 - b.P, b.P]);
            case (Categorical a, Categorical b):
                if (a.Probabilities.Count != b.Probabilities.Count) return double.PositiveInfinity;
                return DiscreteKl(a.Probabilities, b.Probabilities);
            case (Geometric a, Geometric b) when a.Convention == b.Convention:
                // E_a[log a(k) - log b(k)] with E_a[failures] = (1-pa)/pa.
                return Math.Log(a.P / b.P) + (1 - a.P) / a.P * (Log1P(-a.P) - Log1P(-b.P));
            default:
                return null;
        }
    }

    /// <summary>KL between two multivariate normals: ½[tr(Σq⁻¹Σp) + |Lq⁻¹(μq - μp)|² - d + log|Σq|/|Σp|].</summary>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    public static double Divergence(MultivariateNormal p, MultivariateNormal q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        int d = p.Dimension;
        if (q.Dimension != d) throw new ArgumentException($"KL: the distributions have dimensions {d} and {q.Dimension}.", nameof(q));
        double[,] lp = p.CholeskyFactor, lq = q.CholeskyFactor;
        // tr(Σq⁻¹Σp) = ‖Lq⁻¹ Lp‖_F², one forward substitution per column of Lp; with the diagonal ratios,
        // the trace minus d minus the log-determinant ratio is summed as Σ (r² - 1 - 2 log r) + off-diagonal squares, all >= 0.
        double sum = 0;
        var column = new double[d];
        for (int j = 0; j < d; j++)
        {
            for (int i = 0; i < d; i++)
            {
                double r = i >= j ? lp[i, j] : 0;
                for (int k = 0; k < i; k++) r -= lq[i, k] * column[k];
                column[i] = r / lq[i, i];
            }
            for (int i = 0; i < d; i++)
                sum += i == j ? ExpM1MinusX(2 * Math.Log(column[i])) : column[i] * column[i];
        }
        double mahalanobis = q.MahalanobisSquared(p.Mean);
        return 0.5 * (sum + mahalanobis);
    }

    /// <summary>KL between two Dirichlet distributions.</summary>
    /// <exception cref="ArgumentException">The numbers of categories differ.</exception>
    public static double Divergence(Dirichlet p, Dirichlet q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (p.Alpha.Count != q.Alpha.Count) throw new ArgumentException($"KL: the distributions have {p.Alpha.Count} and {q.Alpha.Count} categories.", nameof(q));
        double a0 = p.Alpha.Sum(), sum = q.LogNormalizer - p.LogNormalizer;
        for (int i = 0; i < p.Alpha.Count; i++) sum += (p.Alpha[i] - q.Alpha[i]) * (Digamma(p.Alpha[i]) - Digamma(a0));
        return sum;
    }

    /// <summary>
    /// A Monte Carlo estimate of KL(p ‖ q): the mean of log p(x) - log q(x) over draws x ~ p, with its
    /// standard error. +∞ as soon as a draw has q-density 0.
    /// </summary>
    public static KlDivergence MonteCarlo(UnivariateDistribution p, UnivariateDistribution q, int samples = 100_000, RandomGenerator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        var draws = p.Samples(samples, generator);
        double mean = 0, m2 = 0;
        for (int i = 0; i < samples; i++)
        {
            double diff = LogDensity(p, draws[i]) - LogDensity(q, draws[i]);
            if (double.IsPositiveInfinity(diff)) return new KlDivergence(double.PositiveInfinity, 0, false, samples);
            double delta = diff - mean;
            mean += delta / (i + 1);
            m2 += delta * (diff - mean);
        }
        return new KlDivergence(mean, Math.Sqrt(m2 / (samples - 1) / samples), false, samples);
    }

    /// <summary>The cross-entropy H(p, q) = H(p) + KL(p ‖ q) (closed forms only; null otherwise).</summary>
    public static double? CrossEntropy(UnivariateDistribution p, UnivariateDistribution q)
    {
        ArgumentNullException.ThrowIfNull(p);
        var kl = ClosedForm(p, q);
        return kl.HasValue ? p.Entropy + kl.Value : null;
    }

    private static double LogDensity(UnivariateDistribution d, double x)
        => d is ContinuousDistribution c ? c.LogPdf(x) : ((DiscreteDistribution)d).LogPmf(x);

    /// <summary>Σ p (log p - log q), 0 terms where p = 0, +∞ where q = 0 &lt; p; summed as Σ q·g(p/q) with g(r) = r log r - r + 1 &gt;= 0, so it cannot go negative.</summary>
    private static double DiscreteKl(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        double sum = 0;
        for (int i = 0; i < p.Count; i++)
        {
            if (p[i] == 0) { sum += q[i]; continue; }
            if (q[i] == 0) return double.PositiveInfinity;
            double r = p[i] / q[i];
            sum += q[i] * (Math.Abs(r - 1) < 0.5 ? (r * Log1PMinusX(r - 1) + (r - 1) * (r - 1)) : r * Math.Log(r) - r + 1);
        }
        return sum;
    }

    /// <summary>e^t - 1 - t without cancellation (≈ t²/2 for small t).</summary>
    private static double ExpM1MinusX(double t)
    {
        if (Math.Abs(t) >= 0.5) return ExpM1(t) - t;
        double term = t * t / 2, sum = term;
        for (int n = 3; n < 30 && Math.Abs(term) > 1e-18 * sum; n++)
        {
            term *= t / n;
            sum += term;
        }
        return sum;
    }
}
