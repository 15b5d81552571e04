using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The exponential distribution with a rate (scipy.stats.expon(scale=1/rate)).</summary>
public sealed class Exponential : ContinuousDistribution
{
    /// <summary>An exponential distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">rate is not a finite number &gt; 0.</exception>
    public Exponential(double rate = 1) => Rate = Guard.Positive(rate, nameof(rate), nameof(Exponential));

    /// <summary>The rate λ (the inverse of the mean).</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public override double LogPdf(double x) => double.IsNaN(x) ? x : x < 0 ? double.NegativeInfinity : Math.Log(Rate) - Rate * x;

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? x : x <= 0 ? 0 : -ExpM1(-Rate * x);

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? x : x <= 0 ? 1 : Math.Exp(-Rate * x);

    /// <inheritdoc/>
    public override double LogCdf(double x) => double.IsNaN(x) ? x : x <= 0 ? double.NegativeInfinity : Log1MExp(Rate * x);

    /// <inheritdoc/>
    public override double LogSf(double x) => double.IsNaN(x) ? x : x <= 0 ? 0 : -Rate * x;

    /// <inheritdoc/>
    public override double Ppf(double p) => -Log1P(-CheckProbability(p, nameof(p))) / Rate;

    /// <inheritdoc/>
    public override double Isf(double q) => -Math.Log(CheckProbability(q, nameof(q))) / Rate;

    /// <inheritdoc/>
    public override double Mean => 1 / Rate;

    /// <inheritdoc/>
    public override double Variance => 1 / (Rate * Rate);

    /// <inheritdoc/>
    public override double Skewness => 2;

    /// <inheritdoc/>
    public override double ExcessKurtosis => 6;

    /// <inheritdoc/>
    public override double Entropy => 1 - Math.Log(Rate);

    /// <inheritdoc/>
    public override double Median => 0.69314718055994530942 / Rate;

    /// <inheritdoc/>
    public override double Mode => 0;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (0, double.PositiveInfinity);

    internal override double Draw(SampleStream stream) => stream.NextExponential() / Rate;

    internal override void DrawInto(double[] destination, int offset, int count, SampleStream stream)
    {
        double scale = 1 / Rate;
        for (int i = offset; i < offset + count; i++) destination[i] = ExponentialZiggurat.Next(stream) * scale;
    }
}
