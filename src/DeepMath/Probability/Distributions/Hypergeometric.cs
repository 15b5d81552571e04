using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>
/// The hypergeometric distribution: successes among <c>draws</c> taken without replacement from a
/// population holding <c>successes</c> successes (scipy.stats.hypergeom(M=population, n=successes, N=draws)).
/// The cdf sums the pmf from the nearer end of the support.
/// </summary>
public sealed class Hypergeometric : DiscreteDistribution
{
    /// <summary>A hypergeometric distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or successes or draws exceeds population.</exception>
    public Hypergeometric(long population, long successes, long draws)
    {
        Population = Guard.Count(population, nameof(population), nameof(Hypergeometric));
        Successes = Guard.Count(successes, nameof(successes), nameof(Hypergeometric));
        Draws = Guard.Count(draws, nameof(draws), nameof(Hypergeometric));
        if (successes > population) throw Guard.Error(successes, nameof(successes), nameof(Hypergeometric), $"at most population = {population}");
        if (draws > population) throw Guard.Error(draws, nameof(draws), nameof(Hypergeometric), $"at most population = {population}");
    }

    /// <summary>The population size N.</summary>
    public long Population { get; }

    /// <summary>The successes K in the population.</summary>
    public long Successes { get; }

    /// <summary>The number of draws n.</summary>
    public long Draws { get; }

    private double Low => Math.Max(0, Draws + Successes - Population);

    private double High => Math.Min(Draws, Successes);

    /// <inheritdoc/>
    public override double LogPmf(double k)
    {
        if (double.IsNaN(k)) return k;
        if (!DiscreteSums.IsInteger(k) || k < Low || k > High) return double.NegativeInfinity;
        // R's dhyper: with p = n/N, C(K,k) C(N-K,n-k) / C(N,n) = b(k; K, p) b(n-k; N-K, p) / b(n; N, p), each
        // binomial probability in Loader's saddle-point form, so no log-binomials of size N cancel.
        double p = (double)Draws / Population, q = 1 - p;
        return BinomialLogProbability(k, Successes, p, q) + BinomialLogProbability(Draws - k, Population - Successes, p, q)
            - BinomialLogProbability(Draws, Population, p, q);
    }

    /// <inheritdoc/>
    public override double Cdf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < Low) return 0;
        if (k >= High) return 1;
        return k <= Mean ? DiscreteSums.Probability(this, Low, k) : 1 - DiscreteSums.Probability(this, k + 1, High);
    }

    /// <inheritdoc/>
    public override double Sf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < Low) return 1;
        if (k >= High) return 0;
        return k >= Mean ? DiscreteSums.Probability(this, k + 1, High) : 1 - DiscreteSums.Probability(this, Low, k);
    }

    /// <inheritdoc/>
    public override double Mean => (double)Draws * Successes / Population;

    /// <inheritdoc/>
    public override double Variance
    {
        get
        {
            double n = Draws, k = Successes, m = Population;
            return n * k * (m - k) * (m - n) / (m * m * (m - 1));
        }
    }

    /// <inheritdoc/>
    public override double Skewness
    {
        get
        {
            double n = Draws, k = Successes, m = Population;
            return (m - 2 * k) * Math.Sqrt(m - 1) * (m - 2 * n) / (Math.Sqrt(n * k * (m - k) * (m - n)) * (m - 2));
        }
    }

    /// <inheritdoc/>
    public override double ExcessKurtosis
    {
        get
        {
            double n = Draws, k = Successes, m = Population;
            double numerator = (m - 1) * m * m * (m * (m + 1) - 6 * k * (m - k) - 6 * n * (m - n)) + 6 * n * k * (m - k) * (m - n) * (5 * m - 6);
            return numerator / (n * k * (m - k) * (m - n) * (m - 2) * (m - 3));
        }
    }

    /// <inheritdoc/>
    public override double Entropy => DiscreteSums.Entropy(this, Mean, StandardDeviation);

    /// <inheritdoc/>
    public override double Mode => Math.Floor((Draws + 1.0) * (Successes + 1.0) / (Population + 2.0));

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (Low, High);

    /// <summary>
    /// Sequential draws without replacement for up to 1,000 draws (one uniform each); beyond, inversion
    /// from the lower end with the pmf recurrence (time proportional to the drawn value).
    /// </summary>
    internal override double Draw(SampleStream stream)
    {
        if (Draws <= 1000)
        {
            long remaining = Population, good = Successes, found = 0;
            for (long i = 0; i < Draws; i++, remaining--)
            {
                if (stream.NextBelow((ulong)remaining) < (ulong)good)
                {
                    found++;
                    good--;
                }
            }
            return found;
        }
        double u = stream.NextDouble(), k = Low, pmf = Pmf(k);
        while (u >= pmf && k < High)
        {
            u -= pmf;
            double next = k + 1;
            pmf *= (Successes - k) * (Draws - k) / (next * (Population - Successes - Draws + next));
            k = next;
        }
        return k;
    }
}
