using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The normal distribution N(mean, std²) (scipy.stats.norm(loc=mean, scale=std)).</summary>
public sealed class Normal : ContinuousDistribution
{
    /// <summary>A normal distribution; the default is the standard normal.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mean is not finite, or std is not a finite number &gt; 0.</exception>
    public Normal(double mean = 0, double std = 1)
    {
        _mean = Guard.Finite(mean, nameof(mean), nameof(Normal));
        Std = Guard.Positive(std, nameof(std), nameof(Normal));
    }

    private readonly double _mean;

    /// <summary>The scale σ.</summary>
    public double Std { get; }

    private double Z(double x) => (x - _mean) / Std;

    /// <inheritdoc/>
    public override double LogPdf(double x)
    {
        double z = Z(x);
        return -0.5 * z * z - Math.Log(Std) - 0.91893853320467274178032973640562;
    }

    /// <inheritdoc/>
    public override double Cdf(double x) => NormalCdf(Z(x));

    /// <inheritdoc/>
    public override double Sf(double x) => NormalCdf(-Z(x));

    /// <inheritdoc/>
    public override double LogCdf(double x) => NormalLogCdf(Z(x));

    /// <inheritdoc/>
    public override double LogSf(double x) => NormalLogCdf(-Z(x));

    /// <inheritdoc/>
    public override double Ppf(double p) => _mean + Std * NormalQuantile(CheckProbability(p, nameof(p)));

    /// <inheritdoc/>
    public override double Isf(double q) => _mean - Std * NormalQuantile(CheckProbability(q, nameof(q)));

    /// <inheritdoc/>
    public override double Mean => _mean;

    /// <inheritdoc/>
    public override double Variance => Std * Std;

    /// <inheritdoc/>
    public override double Skewness => 0;

    /// <inheritdoc/>
    public override double ExcessKurtosis => 0;

    /// <inheritdoc/>
    public override double Entropy => 0.5 + 0.91893853320467274178032973640562 + Math.Log(Std);

    /// <inheritdoc/>
    public override double Median => _mean;

    /// <inheritdoc/>
    public override double Mode => _mean;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (double.NegativeInfinity, double.PositiveInfinity);

    internal override double Draw(SampleStream stream) => _mean + Std * stream.NextNormal();

    internal override void DrawInto(double[] destination, int offset, int count, SampleStream stream)
    {
        double mean = _mean, std = Std;
        for (int i = offset; i < offset + count; i++) destination[i] = mean + std * Ziggurat.Normal(stream);
    }
}
