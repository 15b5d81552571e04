using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The Pareto (type I) distribution on [scale, ∞) (scipy.stats.pareto(b=shape, scale=scale)).</summary>
public sealed class Pareto : ContinuousDistribution
{
    /// <summary>A Pareto distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">scale or shape is not a finite number &gt; 0.</exception>
    public Pareto(double scale, double shape)
    {
        Scale = Guard.Positive(scale, nameof(scale), nameof(Pareto));
        Shape = Guard.Positive(shape, nameof(shape), nameof(Pareto));
    }

    /// <summary>The minimum x_m.</summary>
    public double Scale { get; }

    /// <summary>The tail index α.</summary>
    public double Shape { get; }

    /// <inheritdoc/>
    public override double LogPdf(double x)
        => double.IsNaN(x) ? x : x < Scale || double.IsPositiveInfinity(x) ? double.NegativeInfinity : Math.Log(Shape / Scale) - (Shape + 1) * Math.Log(x / Scale);

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? x : x <= Scale ? 0 : -ExpM1(LogSf(x));

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? x : x <= Scale ? 1 : Math.Exp(LogSf(x));

    /// <inheritdoc/>
    public override double LogSf(double x) => double.IsNaN(x) ? x : x <= Scale ? 0 : -Shape * Math.Log(x / Scale);

    /// <inheritdoc/>
    public override double LogCdf(double x) => double.IsNaN(x) ? x : x <= Scale ? double.NegativeInfinity : Log1MExp(-LogSf(x));

    /// <inheritdoc/>
    public override double Ppf(double p) => Scale * Math.Exp(-Log1P(-CheckProbability(p, nameof(p))) / Shape);

    /// <inheritdoc/>
    public override double Isf(double q) => Scale * Math.Exp(-Math.Log(CheckProbability(q, nameof(q))) / Shape);

    /// <summary>α x_m/(α - 1) when α &gt; 1, ∞ otherwise.</summary>
    public override double Mean => Shape > 1 ? Shape * Scale / (Shape - 1) : double.PositiveInfinity;

    /// <summary>x_m² α/((α-1)²(α-2)) when α &gt; 2, ∞ otherwise.</summary>
    public override double Variance => Shape > 2 ? Scale * Scale * Shape / ((Shape - 1) * (Shape - 1) * (Shape - 2)) : double.PositiveInfinity;

    /// <inheritdoc/>
    public override double Skewness => Shape > 3 ? 2 * (1 + Shape) / (Shape - 3) * Math.Sqrt((Shape - 2) / Shape) : double.NaN;

    /// <inheritdoc/>
    public override double ExcessKurtosis
        => Shape > 4 ? 6 * (Shape * Shape * Shape + Shape * Shape - 6 * Shape - 2) / (Shape * (Shape - 3) * (Shape - 4)) : double.NaN;

    /// <inheritdoc/>
    public override double Entropy => Math.Log(Scale / Shape) + 1 / Shape + 1;

    /// <inheritdoc/>
    public override double Median => Scale * Math.Pow(2, 1 / Shape);

    /// <inheritdoc/>
    public override double Mode => Scale;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (Scale, double.PositiveInfinity);

    internal override double Draw(SampleStream stream) => Scale * Math.Exp(stream.NextExponential() / Shape);
}
