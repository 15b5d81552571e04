using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>The beta distribution on [0, 1] (scipy.stats.beta(alpha, beta)).</summary>
public sealed class Beta : ContinuousDistribution
{
    private readonly GammaSampler _first, _second;

    /// <summary>A beta distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">alpha or beta is not a finite number &gt; 0.</exception>
    public Beta(double alpha, double beta)
    {
        Alpha = Guard.Positive(alpha, nameof(alpha), nameof(Beta));
        BetaParameter = Guard.Positive(beta, nameof(beta), nameof(Beta));
        _first = new GammaSampler(alpha);
        _second = new GammaSampler(beta);
    }

    /// <summary>The first shape α.</summary>
    public double Alpha { get; }

    /// <summary>The second shape β.</summary>
    public double BetaParameter { get; }

    private double A => Alpha;

    private double B => BetaParameter;

    /// <inheritdoc/>
    public override double LogPdf(double x) => double.IsNaN(x) ? x : x < 0 || x > 1 ? double.NegativeInfinity : LogBetaDensity(A, B, x);

    /// <inheritdoc/>
    public override double Pdf(double x) => double.IsNaN(x) ? x : x < 0 || x > 1 ? 0 : BetaDensity(A, B, x);

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? x : x <= 0 ? 0 : x >= 1 ? 1 : IncompleteBeta(A, B, x);

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? x : x <= 0 ? 1 : x >= 1 ? 0 : IncompleteBetaComplement(A, B, x);

    /// <inheritdoc/>
    public override double LogCdf(double x) => double.IsNaN(x) ? x : x <= 0 ? double.NegativeInfinity : x >= 1 ? 0 : LogIncompleteBetaPair(A, B, x, 1 - x).LogI;

    /// <inheritdoc/>
    public override double LogSf(double x) => double.IsNaN(x) ? x : x <= 0 ? 0 : x >= 1 ? double.NegativeInfinity : LogIncompleteBetaPair(A, B, x, 1 - x).LogComplement;

    /// <inheritdoc/>
    public override double Ppf(double p) => IncompleteBetaInverse(A, B, CheckProbability(p, nameof(p)));

    /// <inheritdoc/>
    public override double Isf(double q) => IncompleteBetaComplementInverse(A, B, CheckProbability(q, nameof(q)));

    /// <inheritdoc/>
    public override double Mean => A / (A + B);

    /// <inheritdoc/>
    public override double Variance => A * B / ((A + B) * (A + B) * (A + B + 1));

    /// <inheritdoc/>
    public override double Skewness => 2 * (B - A) * Math.Sqrt(A + B + 1) / ((A + B + 2) * Math.Sqrt(A * B));

    /// <inheritdoc/>
    public override double ExcessKurtosis
        => 6 * ((A - B) * (A - B) * (A + B + 1) - A * B * (A + B + 2)) / (A * B * (A + B + 2) * (A + B + 3));

    /// <inheritdoc/>
    public override double Entropy => LogBeta(A, B) - (A - 1) * Digamma(A) - (B - 1) * Digamma(B) + (A + B - 2) * Digamma(A + B);

    /// <summary>(α-1)/(α+β-2) when both shapes exceed 1; otherwise the end where the density is largest (0 when both ends tie).</summary>
    public override double Mode => A > 1 && B > 1 ? (A - 1) / (A + B - 2) : A >= 1 && B < 1 ? 1 : A > 1 && B == 1 ? 1 : 0;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (0, 1);

    /// <summary>X / (X + Y) with X ~ Gamma(α), Y ~ Gamma(β); the logs keep tiny shapes (both draws underflowing) from giving 0/0.</summary>
    internal override double Draw(SampleStream stream)
    {
        double x = _first.Next(stream), y = _second.Next(stream);
        if (x + y > 0) return x / (x + y);
        return stream.NextDouble() < A / (A + B) ? 1 : 0; // both underflowed: a tiny-shape beta puts its mass at the ends
    }
}
