using DeepMath.Probability.Sampling;
using DeepMath.Tensors;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The multinomial distribution of counts over K categories in n trials (scipy.stats.multinomial(n, p)).</summary>
public sealed class Multinomial
{
    private readonly double[] _p;

    /// <summary>A multinomial distribution; the weights are normalised to sum to 1.</summary>
    /// <exception cref="ArgumentException">n is negative, or the probabilities are empty, negative, non-finite or all zero.</exception>
    public Multinomial(long n, params double[] probabilities)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, $"Multinomial: n must be a whole number >= 0; got {n}.");
        N = n;
        _p = ((IReadOnlyList<double>)new Categorical(probabilities).Probabilities).ToArray();
    }

    /// <summary>The number of trials.</summary>
    public long N { get; }

    /// <summary>The normalised probabilities.</summary>
    public IReadOnlyList<double> Probabilities => _p;

    /// <summary>log n! - Σ log x_i! + Σ x_i log p_i; -∞ when the counts are not whole, negative or do not sum to n.</summary>
    /// <exception cref="ArgumentException">counts does not have one entry per category.</exception>
    public double LogPmf(ReadOnlySpan<double> counts)
    {
        if (counts.Length != _p.Length) throw new ArgumentException($"Multinomial: counts must have {_p.Length} entries; got {counts.Length}.", nameof(counts));
        double total = 0, sum = LogGamma(N + 1.0);
        for (int i = 0; i < counts.Length; i++)
        {
            double x = counts[i];
            if (double.IsNaN(x)) return double.NaN;
            if (x < 0 || x != Math.Floor(x)) return double.NegativeInfinity;
            total += x;
            sum += XLogY(x, _p[i]) - LogGamma(x + 1);
        }
        return total == N ? sum : double.NegativeInfinity;
    }

    /// <summary>The probability of the counts.</summary>
    public double Pmf(ReadOnlySpan<double> counts) => Math.Exp(LogPmf(counts));

    /// <summary>n p.</summary>
    public double[] Mean => _p.Select(p => N * p).ToArray();

    /// <summary>The covariance n (diag(p) - p pᵀ).</summary>
    public double[,] Covariance
    {
        get
        {
            int k = _p.Length;
            var c = new double[k, k];
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++) c[i, j] = N * ((i == j ? _p[i] : 0) - _p[i] * _p[j]);
            return c;
        }
    }

    /// <summary>One draw.</summary>
    public double[] Sample(RandomGenerator? generator = null)
    {
        var draws = Samples(1, generator);
        return Enumerable.Range(0, _p.Length).Select(i => draws[0, i]).ToArray();
    }

    /// <summary>count draws, one per row, by conditional binomials (category i gets Binomial(remaining trials, p_i / remaining mass)).</summary>
    public double[,] Samples(int count, RandomGenerator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int k = _p.Length;
        var result = new double[count, k];
        var rng = generator ?? RandomGenerator.Default;
        ulong position = rng.Reserve(1);
        SampleStream? stream = null;
        for (int s = 0; s < count; s++)
        {
            if (s % 1024 == 0) stream = ChunkedSampling.StreamFor(rng, position, (ulong)(s / 1024)); // fixed chunks of rows
            long remaining = N;
            double mass = 1;
            for (int i = 0; i < k - 1 && remaining > 0; i++)
            {
                double p = mass > 0 ? Math.Clamp(_p[i] / mass, 0, 1) : 0;
                long x = (long)new BinomialSampler(remaining, p).Next(stream!);
                result[s, i] = x;
                remaining -= x;
                mass -= _p[i];
            }
            result[s, k - 1] += remaining;
        }
        return result;
    }
}
