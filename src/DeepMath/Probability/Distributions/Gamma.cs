using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The gamma distribution with shape k and rate β (scipy.stats.gamma(a=shape, scale=1/rate)).</summary>
public sealed class Gamma : ContinuousDistribution
{
    private readonly GammaSampler _sampler;

    /// <summary>A gamma distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">shape or rate is not a finite number &gt; 0.</exception>
    public Gamma(double shape, double rate = 1)
    {
        Shape = Guard.Positive(shape, nameof(shape), nameof(Gamma));
        Rate = Guard.Positive(rate, nameof(rate), nameof(Gamma));
        _sampler = new GammaSampler(shape);
    }

    /// <summary>The shape k.</summary>
    public double Shape { get; }

    /// <summary>The rate β (the inverse scale).</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public override double LogPdf(double x) => double.IsNaN(x) ? x : x < 0 || double.IsPositiveInfinity(x) ? double.NegativeInfinity : LogGammaDensity(Shape, Rate * x) + Math.Log(Rate);

    /// <inheritdoc/>
    public override double Pdf(double x) => double.IsNaN(x) ? x : x < 0 || double.IsPositiveInfinity(x) ? 0 : Rate * GammaDensity(Shape, Rate * x);

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? x : x <= 0 ? 0 : GammaP(Shape, Rate * x);

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? x : x <= 0 ? 1 : GammaQ(Shape, Rate * x);

    /// <inheritdoc/>
    public override double LogCdf(double x) => double.IsNaN(x) ? x : x <= 0 ? double.NegativeInfinity : LogIncompleteGammaPair(Shape, Rate * x).LogP;

    /// <inheritdoc/>
    public override double LogSf(double x) => double.IsNaN(x) ? x : x <= 0 ? 0 : LogIncompleteGammaPair(Shape, Rate * x).LogQ;

    /// <inheritdoc/>
    public override double Ppf(double p) => GammaPInverse(Shape, CheckProbability(p, nameof(p))) / Rate;

    /// <inheritdoc/>
    public override double Isf(double q) => GammaQInverse(Shape, CheckProbability(q, nameof(q))) / Rate;

    /// <inheritdoc/>
    public override double Mean => Shape / Rate;

    /// <inheritdoc/>
    public override double Variance => Shape / (Rate * Rate);

    /// <inheritdoc/>
    public override double Skewness => 2 / Math.Sqrt(Shape);

    /// <inheritdoc/>
    public override double ExcessKurtosis => 6 / Shape;

    /// <inheritdoc/>
    public override double Entropy => Shape - Math.Log(Rate) + LogGamma(Shape) + (1 - Shape) * Digamma(Shape);

    /// <summary>(k - 1)/β for k &gt;= 1; 0 below, where the density is unbounded at 0.</summary>
    public override double Mode => Shape >= 1 ? (Shape - 1) / Rate : 0;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (0, double.PositiveInfinity);

    internal override double Draw(SampleStream stream) => _sampler.Next(stream) / Rate;

    internal override void DrawInto(double[] destination, int offset, int count, SampleStream stream)
    {
        var sampler = _sampler;
        double scale = 1 / Rate;
        for (int i = offset; i < offset + count; i++) destination[i] = sampler.Next(stream) * scale;
    }
}
