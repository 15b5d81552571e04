using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>
/// The binomial distribution: successes in n trials (scipy.stats.binom(n, p)). The pmf uses Loader's
/// saddle-point form (accurate for n in the billions), the cdf the incomplete beta function.
/// </summary>
public sealed class Binomial : DiscreteDistribution
{
    private readonly BinomialSampler _sampler;

    /// <summary>A binomial distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n is negative, or p is outside [0, 1].</exception>
    public Binomial(long n, double p)
    {
        N = Guard.Count(n, nameof(n), nameof(Binomial));
        P = Guard.Probability(p, nameof(p), nameof(Binomial));
        _sampler = new BinomialSampler(n, p);
    }

    /// <summary>The number of trials.</summary>
    public long N { get; }

    /// <summary>The success probability.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public override double LogPmf(double k)
    {
        if (double.IsNaN(k)) return k;
        if (!DiscreteSums.IsInteger(k) || k < 0 || k > N) return double.NegativeInfinity;
        return BinomialLogProbability(k, N, P, 1 - P);
    }

    /// <inheritdoc/>
    public override double Cdf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < 0) return 0;
        if (k >= N) return 1;
        if (P == 0) return 1;
        if (P == 1) return 0;
        return IncompleteBetaComplement(k + 1, N - k, P);
    }

    /// <inheritdoc/>
    public override double Sf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < 0) return 1;
        if (k >= N) return 0;
        if (P == 0) return 0;
        if (P == 1) return 1;
        return IncompleteBeta(k + 1, N - k, P);
    }

    /// <inheritdoc/>
    public override double LogCdf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < 0) return double.NegativeInfinity;
        if (k >= N || P == 0) return 0;
        if (P == 1) return double.NegativeInfinity;
        return LogIncompleteBetaPair(k + 1, N - k, P, 1 - P).LogComplement;
    }

    /// <inheritdoc/>
    public override double LogSf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < 0) return 0;
        if (k >= N || P == 0) return double.NegativeInfinity;
        if (P == 1) return 0;
        return LogIncompleteBetaPair(k + 1, N - k, P, 1 - P).LogI;
    }

    /// <inheritdoc/>
    public override double Mean => N * P;

    /// <inheritdoc/>
    public override double Variance => N * P * (1 - P);

    /// <inheritdoc/>
    public override double Skewness => (1 - 2 * P) / Math.Sqrt(Variance);

    /// <inheritdoc/>
    public override double ExcessKurtosis => (1 - 6 * P * (1 - P)) / Variance;

    /// <inheritdoc/>
    public override double Entropy => DiscreteSums.Entropy(this, Mean, StandardDeviation);

    /// <summary>⌊(n + 1)p⌋, less one when (n + 1)p is a whole number (the smaller of the two modes).</summary>
    public override double Mode
    {
        get
        {
            double m = (N + 1) * P;
            return Math.Min(N, m == Math.Floor(m) && m > 0 ? m - 1 : Math.Floor(m));
        }
    }

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (0, N);

    internal override double Draw(SampleStream stream) => _sampler.Next(stream);

    internal override void DrawInto(double[] destination, int offset, int count, SampleStream stream)
    {
        var sampler = _sampler;
        for (int i = offset; i < offset + count; i++) destination[i] = sampler.Next(stream);
    }
}
