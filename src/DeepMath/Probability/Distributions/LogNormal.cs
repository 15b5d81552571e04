using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The log-normal distribution: log X ~ N(mu, sigma²) (scipy.stats.lognorm(s=sigma, scale=exp(mu))).</summary>
public sealed class LogNormal : ContinuousDistribution
{
    /// <summary>A log-normal distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mu is not finite, or sigma is not a finite number &gt; 0.</exception>
    public LogNormal(double mu = 0, double sigma = 1)
    {
        Mu = Guard.Finite(mu, nameof(mu), nameof(LogNormal));
        Sigma = Guard.Positive(sigma, nameof(sigma), nameof(LogNormal));
    }

    /// <summary>The mean of log X.</summary>
    public double Mu { get; }

    /// <summary>The standard deviation of log X.</summary>
    public double Sigma { get; }

    private double Z(double x) => (Math.Log(x) - Mu) / Sigma;

    /// <inheritdoc/>
    public override double LogPdf(double x)
    {
        if (double.IsNaN(x)) return x;
        if (!(x > 0) || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
        double z = Z(x);
        return -0.5 * z * z - Math.Log(x) - Math.Log(Sigma) - 0.91893853320467274178032973640562;
    }

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? x : x <= 0 ? 0 : NormalCdf(Z(x));

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? x : x <= 0 ? 1 : NormalCdf(-Z(x));

    /// <inheritdoc/>
    public override double LogCdf(double x) => double.IsNaN(x) ? x : x <= 0 ? double.NegativeInfinity : NormalLogCdf(Z(x));

    /// <inheritdoc/>
    public override double LogSf(double x) => double.IsNaN(x) ? x : x <= 0 ? 0 : NormalLogCdf(-Z(x));

    /// <inheritdoc/>
    public override double Ppf(double p) => Math.Exp(Mu + Sigma * NormalQuantile(CheckProbability(p, nameof(p))));

    /// <inheritdoc/>
    public override double Isf(double q) => Math.Exp(Mu - Sigma * NormalQuantile(CheckProbability(q, nameof(q))));

    /// <inheritdoc/>
    public override double Mean => Math.Exp(Mu + 0.5 * Sigma * Sigma);

    /// <inheritdoc/>
    public override double Variance => ExpM1(Sigma * Sigma) * Math.Exp(2 * Mu + Sigma * Sigma);

    /// <inheritdoc/>
    public override double Skewness => (Math.Exp(Sigma * Sigma) + 2) * Math.Sqrt(ExpM1(Sigma * Sigma));

    /// <inheritdoc/>
    public override double ExcessKurtosis
    {
        get
        {
            double s2 = Sigma * Sigma;
            return Math.Exp(4 * s2) + 2 * Math.Exp(3 * s2) + 3 * Math.Exp(2 * s2) - 6;
        }
    }

    /// <inheritdoc/>
    public override double Entropy => Mu + 0.5 + 0.91893853320467274178032973640562 + Math.Log(Sigma);

    /// <inheritdoc/>
    public override double Median => Math.Exp(Mu);

    /// <inheritdoc/>
    public override double Mode => Math.Exp(Mu - Sigma * Sigma);

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (0, double.PositiveInfinity);

    internal override double Draw(SampleStream stream) => Math.Exp(Mu + Sigma * stream.NextNormal());
}
