using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The Weibull distribution (scipy.stats.weibull_min(c=shape, scale=scale)).</summary>
public sealed class Weibull : ContinuousDistribution
{
    /// <summary>A Weibull distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">shape or scale is not a finite number &gt; 0.</exception>
    public Weibull(double shape, double scale = 1)
    {
        Shape = Guard.Positive(shape, nameof(shape), nameof(Weibull));
        Scale = Guard.Positive(scale, nameof(scale), nameof(Weibull));
    }

    /// <summary>The shape k.</summary>
    public double Shape { get; }

    /// <summary>The scale λ.</summary>
    public double Scale { get; }

    private double Power(double x) => Math.Pow(x / Scale, Shape);

    /// <inheritdoc/>
    public override double LogPdf(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x < 0 || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
        if (x == 0) return Shape < 1 ? double.PositiveInfinity : Shape == 1 ? -Math.Log(Scale) : double.NegativeInfinity;
        double z = x / Scale;
        return Math.Log(Shape / Scale) + (Shape - 1) * Math.Log(z) - Math.Pow(z, Shape);
    }

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? x : x <= 0 ? 0 : -ExpM1(-Power(x));

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? x : x <= 0 ? 1 : Math.Exp(-Power(x));

    /// <inheritdoc/>
    public override double LogCdf(double x) => double.IsNaN(x) ? x : x <= 0 ? double.NegativeInfinity : Log1MExp(Power(x));

    /// <inheritdoc/>
    public override double LogSf(double x) => double.IsNaN(x) ? x : x <= 0 ? 0 : -Power(x);

    /// <inheritdoc/>
    public override double Ppf(double p) => Scale * Math.Pow(-Log1P(-CheckProbability(p, nameof(p))), 1 / Shape);

    /// <inheritdoc/>
    public override double Isf(double q) => Scale * Math.Pow(-Math.Log(CheckProbability(q, nameof(q))), 1 / Shape);

    private double RawMoment(int order) => Math.Exp(LogGamma(1 + order / Shape));

    /// <inheritdoc/>
    public override double Mean => Scale * RawMoment(1);

    /// <inheritdoc/>
    public override double Variance => Scale * Scale * (RawMoment(2) - RawMoment(1) * RawMoment(1));

    /// <inheritdoc/>
    public override double Skewness
    {
        get
        {
            double g1 = RawMoment(1), g2 = RawMoment(2), g3 = RawMoment(3), v = g2 - g1 * g1;
            return (g3 - 3 * g1 * v - g1 * g1 * g1) / Math.Pow(v, 1.5);
        }
    }

    /// <inheritdoc/>
    public override double ExcessKurtosis
    {
        get
        {
            double g1 = RawMoment(1), g2 = RawMoment(2), g3 = RawMoment(3), g4 = RawMoment(4), v = g2 - g1 * g1;
            return (-6 * g1 * g1 * g1 * g1 + 12 * g1 * g1 * g2 - 3 * g2 * g2 - 4 * g1 * g3 + g4) / (v * v);
        }
    }

    /// <inheritdoc/>
    public override double Entropy => 0.57721566490153286061 * (1 - 1 / Shape) + Math.Log(Scale / Shape) + 1;

    /// <inheritdoc/>
    public override double Median => Scale * Math.Pow(0.69314718055994530942, 1 / Shape);

    /// <inheritdoc/>
    public override double Mode => Shape > 1 ? Scale * Math.Pow((Shape - 1) / Shape, 1 / Shape) : 0;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (0, double.PositiveInfinity);

    internal override double Draw(SampleStream stream) => Scale * Math.Pow(stream.NextExponential(), 1 / Shape);
}
