using DeepMath.Probability.Sampling;
using DeepMath.Tensors;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The Dirichlet distribution on the probability simplex (scipy.stats.dirichlet(alpha)).</summary>
public sealed class Dirichlet
{
    private readonly double[] _alpha;

    /// <summary>A Dirichlet distribution with concentrations α.</summary>
    /// <exception cref="ArgumentException">Fewer than two concentrations, or one that is not a finite number &gt; 0.</exception>
    public Dirichlet(params double[] alpha)
    {
        ArgumentNullException.ThrowIfNull(alpha);
        if (alpha.Length < 2) throw new ArgumentException($"Dirichlet: alpha must have at least 2 entries; got {alpha.Length}.", nameof(alpha));
        for (int i = 0; i < alpha.Length; i++)
            if (!(alpha[i] > 0) || double.IsInfinity(alpha[i])) throw new ArgumentException($"Dirichlet: alpha[{i}] must be a finite number > 0; got {alpha[i]}.", nameof(alpha));
        _alpha = (double[])alpha.Clone();
    }

    /// <summary>The concentrations.</summary>
    public IReadOnlyList<double> Alpha => _alpha;

    private double Total => _alpha.Sum();

    /// <summary>log B(α) = Σ log Γ(α_i) - log Γ(Σ α_i).</summary>
    public double LogNormalizer
    {
        get
        {
            double sum = 0;
            foreach (double a in _alpha) sum += LogGamma(a);
            return sum - LogGamma(Total);
        }
    }

    /// <summary>Σ (α_i - 1) log x_i - log B(α); -∞ off the simplex (entries outside [0, 1] or not summing to 1 within 1e-10).</summary>
    /// <exception cref="ArgumentException">x does not have one entry per concentration.</exception>
    public double LogPdf(ReadOnlySpan<double> x)
    {
        if (x.Length != _alpha.Length) throw new ArgumentException($"Dirichlet: x must have {_alpha.Length} entries; got {x.Length}.", nameof(x));
        double sum = 0, total = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i])) return double.NaN;
            if (x[i] < 0 || x[i] > 1) return double.NegativeInfinity;
            total += x[i];
            sum += _alpha[i] == 1 ? 0 : (_alpha[i] - 1) * Math.Log(x[i]);
        }
        if (Math.Abs(total - 1) > 1e-10) return double.NegativeInfinity;
        return sum - LogNormalizer;
    }

    /// <summary>The density.</summary>
    public double Pdf(ReadOnlySpan<double> x) => Math.Exp(LogPdf(x));

    /// <summary>α / Σα.</summary>
    public double[] Mean => _alpha.Select(a => a / Total).ToArray();

    /// <summary>The variances α_i(α₀ - α_i)/(α₀²(α₀ + 1)).</summary>
    public double[] Variance
    {
        get
        {
            double a0 = Total;
            return _alpha.Select(a => a * (a0 - a) / (a0 * a0 * (a0 + 1))).ToArray();
        }
    }

    /// <summary>log B(α) + (α₀ - K) ψ(α₀) - Σ (α_i - 1) ψ(α_i).</summary>
    public double Entropy
    {
        get
        {
            double a0 = Total, sum = LogNormalizer + (a0 - _alpha.Length) * Digamma(a0);
            foreach (double a in _alpha) sum -= (a - 1) * Digamma(a);
            return sum;
        }
    }

    /// <summary>One draw: independent Gamma(α_i) variates, normalised.</summary>
    public double[] Sample(RandomGenerator? generator = null)
    {
        var draws = Samples(1, generator);
        return Enumerable.Range(0, _alpha.Length).Select(i => draws[0, i]).ToArray();
    }

    /// <summary>count draws, one per row; the same for any thread count.</summary>
    public double[,] Samples(int count, RandomGenerator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int k = _alpha.Length;
        var result = new double[count, k];
        var gammas = new double[k][];
        var rng = generator ?? RandomGenerator.Default;
        for (int i = 0; i < k; i++) gammas[i] = new Gamma(_alpha[i]).Samples(count, rng);
        for (int s = 0; s < count; s++)
        {
            double total = 0;
            for (int i = 0; i < k; i++) total += gammas[i][s];
            for (int i = 0; i < k; i++) result[s, i] = gammas[i][s] / total;
        }
        return result;
    }
}
