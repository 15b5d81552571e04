using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The inverse gamma distribution: 1/X for X ~ Gamma(shape, rate = scale) (scipy.stats.invgamma(a=shape, scale=scale)).</summary>
public sealed class InverseGamma : ContinuousDistribution
{
    private readonly GammaSampler _sampler;

    /// <summary>An inverse gamma distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">shape or scale is not a finite number &gt; 0.</exception>
    public InverseGamma(double shape, double scale = 1)
    {
        Shape = Guard.Positive(shape, nameof(shape), nameof(InverseGamma));
        Scale = Guard.Positive(scale, nameof(scale), nameof(InverseGamma));
        _sampler = new GammaSampler(shape);
    }

    /// <summary>The shape α.</summary>
    public double Shape { get; }

    /// <summary>The scale β.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public override double LogPdf(double x)
    {
        if (double.IsNaN(x)) return x;
        if (!(x > 0) || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
        // X = β/Y with Y ~ Gamma(α, 1): f_X(x) = f_Y(β/x) β/x².
        return LogGammaDensity(Shape, Scale / x) + Math.Log(Scale) - 2 * Math.Log(x);
    }

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? x : x <= 0 ? 0 : GammaQ(Shape, Scale / x);

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? x : x <= 0 ? 1 : GammaP(Shape, Scale / x);

    /// <inheritdoc/>
    public override double LogCdf(double x) => double.IsNaN(x) ? x : x <= 0 ? double.NegativeInfinity : LogIncompleteGammaPair(Shape, Scale / x).LogQ;

    /// <inheritdoc/>
    public override double LogSf(double x) => double.IsNaN(x) ? x : x <= 0 ? 0 : LogIncompleteGammaPair(Shape, Scale / x).LogP;

    /// <inheritdoc/>
    public override double Ppf(double p) => Scale / GammaQInverse(Shape, CheckProbability(p, nameof(p)));

    /// <inheritdoc/>
    public override double Isf(double q) => Scale / GammaPInverse(Shape, CheckProbability(q, nameof(q)));

    /// <summary>β/(α - 1) when α &gt; 1, ∞ otherwise.</summary>
    public override double Mean => Shape > 1 ? Scale / (Shape - 1) : double.PositiveInfinity;

    /// <summary>β²/((α-1)²(α-2)) when α &gt; 2, ∞ otherwise.</summary>
    public override double Variance => Shape > 2 ? Scale * Scale / ((Shape - 1) * (Shape - 1) * (Shape - 2)) : double.PositiveInfinity;

    /// <inheritdoc/>
    public override double Skewness => Shape > 3 ? 4 * Math.Sqrt(Shape - 2) / (Shape - 3) : double.NaN;

    /// <inheritdoc/>
    public override double ExcessKurtosis => Shape > 4 ? (30 * Shape - 66) / ((Shape - 3) * (Shape - 4)) : double.NaN;

    /// <inheritdoc/>
    public override double Entropy => Shape + Math.Log(Scale) + LogGamma(Shape) - (1 + Shape) * Digamma(Shape);

    /// <inheritdoc/>
    public override double Mode => Scale / (Shape + 1);

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (0, double.PositiveInfinity);

    internal override double Draw(SampleStream stream) => Scale / _sampler.Next(stream);
}
