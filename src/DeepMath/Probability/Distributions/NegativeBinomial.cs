using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>
/// The negative binomial distribution: failures before the r-th success, r &gt; 0 real
/// (scipy.stats.nbinom(n=r, p)). The pmf is r/(k+r) times a binomial probability in Loader's form.
/// </summary>
public sealed class NegativeBinomial : DiscreteDistribution
{
    private readonly GammaSampler _gamma;

    /// <summary>A negative binomial distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">r is not a finite number &gt; 0, or p is outside (0, 1].</exception>
    public NegativeBinomial(double r, double p)
    {
        R = Guard.Positive(r, nameof(r), nameof(NegativeBinomial));
        P = Guard.OpenProbability(p, nameof(p), nameof(NegativeBinomial));
        _gamma = new GammaSampler(r);
    }

    /// <summary>The number of successes r.</summary>
    public double R { get; }

    /// <summary>The success probability of each trial.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public override double LogPmf(double k)
    {
        if (double.IsNaN(k)) return k;
        if (!DiscreteSums.IsInteger(k) || k < 0) return double.NegativeInfinity;
        if (P == 1) return k == 0 ? 0 : double.NegativeInfinity;
        return Math.Log(R / (k + R)) + BinomialLogProbability(R, k + R, P, 1 - P);
    }

    /// <inheritdoc/>
    public override double Cdf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < 0) return 0;
        if (P == 1 || double.IsPositiveInfinity(k)) return 1;
        return IncompleteBeta(R, k + 1, P);
    }

    /// <inheritdoc/>
    public override double Sf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < 0) return 1;
        if (P == 1 || double.IsPositiveInfinity(k)) return 0;
        return IncompleteBetaComplement(R, k + 1, P);
    }

    /// <inheritdoc/>
    public override double LogCdf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < 0) return double.NegativeInfinity;
        if (P == 1 || double.IsPositiveInfinity(k)) return 0;
        return LogIncompleteBetaPair(R, k + 1, P, 1 - P).LogI;
    }

    /// <inheritdoc/>
    public override double LogSf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < 0) return 0;
        if (P == 1 || double.IsPositiveInfinity(k)) return double.NegativeInfinity;
        return LogIncompleteBetaPair(R, k + 1, P, 1 - P).LogComplement;
    }

    /// <inheritdoc/>
    public override double Mean => R * (1 - P) / P;

    /// <inheritdoc/>
    public override double Variance => R * (1 - P) / (P * P);

    /// <inheritdoc/>
    public override double Skewness => (2 - P) / Math.Sqrt(R * (1 - P));

    /// <inheritdoc/>
    public override double ExcessKurtosis => 6 / R + P * P / (R * (1 - P));

    /// <inheritdoc/>
    public override double Entropy => DiscreteSums.Entropy(this, Mean, StandardDeviation);

    /// <summary>⌊(r - 1)(1 - p)/p⌋ for r &gt; 1, else 0.</summary>
    public override double Mode => R > 1 ? Math.Floor((R - 1) * (1 - P) / P) : 0;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (0, double.PositiveInfinity);

    /// <summary>A gamma-Poisson mixture: Poisson(λ) with λ ~ Gamma(r, rate p/(1-p)).</summary>
    internal override double Draw(SampleStream stream)
    {
        if (P == 1) return 0;
        double lambda = _gamma.Next(stream) * (1 - P) / P;
        return new PoissonSampler(lambda).Next(stream);
    }
}
