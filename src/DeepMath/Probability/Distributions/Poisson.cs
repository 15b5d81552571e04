using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The Poisson distribution (scipy.stats.poisson(mu=rate)); the pmf by Loader's saddle-point form.</summary>
public sealed class Poisson : DiscreteDistribution
{
    private readonly PoissonSampler _sampler;

    /// <summary>A Poisson distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">rate is negative or not finite.</exception>
    public Poisson(double rate)
    {
        if (!(rate >= 0) || double.IsInfinity(rate)) throw Guard.Error(rate, nameof(rate), nameof(Poisson), "a finite number >= 0");
        Rate = rate;
        _sampler = new PoissonSampler(rate);
    }

    /// <summary>The rate λ (mean and variance).</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public override double LogPmf(double k)
    {
        if (double.IsNaN(k)) return k;
        if (!DiscreteSums.IsInteger(k) || k < 0) return double.NegativeInfinity;
        if (Rate == 0) return k == 0 ? 0 : double.NegativeInfinity;
        if (k == 0) return -Rate;
        return -StirlingError(k) - Deviance(k, Rate) - 0.5 * Math.Log(2 * Math.PI * k);
    }

    /// <inheritdoc/>
    public override double Cdf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < 0) return 0;
        if (Rate == 0 || double.IsPositiveInfinity(k)) return 1;
        return GammaQ(k + 1, Rate);
    }

    /// <inheritdoc/>
    public override double Sf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < 0) return 1;
        if (Rate == 0 || double.IsPositiveInfinity(k)) return 0;
        return GammaP(k + 1, Rate);
    }

    /// <inheritdoc/>
    public override double LogCdf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < 0) return double.NegativeInfinity;
        if (Rate == 0 || double.IsPositiveInfinity(k)) return 0;
        return LogIncompleteGammaPair(k + 1, Rate).LogQ;
    }

    /// <inheritdoc/>
    public override double LogSf(double x)
    {
        if (double.IsNaN(x)) return x;
        double k = Math.Floor(x);
        if (k < 0) return 0;
        if (Rate == 0 || double.IsPositiveInfinity(k)) return double.NegativeInfinity;
        return LogIncompleteGammaPair(k + 1, Rate).LogP;
    }

    /// <inheritdoc/>
    public override double Mean => Rate;

    /// <inheritdoc/>
    public override double Variance => Rate;

    /// <inheritdoc/>
    public override double Skewness => 1 / Math.Sqrt(Rate);

    /// <inheritdoc/>
    public override double ExcessKurtosis => 1 / Rate;

    /// <inheritdoc/>
    public override double Entropy => DiscreteSums.Entropy(this, Rate, Math.Sqrt(Rate));

    /// <summary>⌊λ⌋, less one when λ is a positive whole number (the smaller of the two modes).</summary>
    public override double Mode => Rate == Math.Floor(Rate) && Rate > 0 ? Rate - 1 : Math.Floor(Rate);

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (0, double.PositiveInfinity);

    internal override double Draw(SampleStream stream) => _sampler.Next(stream);

    internal override void DrawInto(double[] destination, int offset, int count, SampleStream stream)
    {
        var sampler = _sampler;
        for (int i = offset; i < offset + count; i++) destination[i] = sampler.Next(stream);
    }
}
