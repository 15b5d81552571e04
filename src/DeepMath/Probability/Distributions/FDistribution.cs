using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>Snedecor's F distribution (scipy.stats.f(dof1, dof2)): (χ²(d1)/d1) / (χ²(d2)/d2).</summary>
public sealed class FDistribution : ContinuousDistribution
{
    private readonly GammaSampler _numerator, _denominator;

    /// <summary>An F distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">dof1 or dof2 is not a finite number &gt; 0.</exception>
    public FDistribution(double dof1, double dof2)
    {
        Dof1 = Guard.Positive(dof1, nameof(dof1), "F");
        Dof2 = Guard.Positive(dof2, nameof(dof2), "F");
        _numerator = new GammaSampler(dof1 / 2);
        _denominator = new GammaSampler(dof2 / 2);
    }

    /// <summary>The numerator degrees of freedom d1.</summary>
    public double Dof1 { get; }

    /// <summary>The denominator degrees of freedom d2.</summary>
    public double Dof2 { get; }

    private double A => Dof1 / 2;

    private double B => Dof2 / 2;

    /// <summary>u = d1 x/(d1 x + d2) and v = 1 - u = d2/(d1 x + d2), each from its own formula (both to full relative accuracy).</summary>
    private (double U, double V) Arguments(double x)
    {
        double r = Dof1 * x / Dof2;
        return double.IsPositiveInfinity(r) ? (1, 0) : (r / (1 + r), 1 / (1 + r));
    }

    /// <inheritdoc/>
    public override double LogPdf(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x < 0 || double.IsPositiveInfinity(x)) return double.NegativeInfinity;
        if (x == 0) return Dof1 < 2 ? double.PositiveInfinity : Dof1 == 2 ? 0 : double.NegativeInfinity;
        var (u, v) = Arguments(x);
        // f(x) = Beta(d1/2, d2/2) density at u times du/dx = u v / x, with log u = log r - log1p(r), log v = -log1p(r).
        double r = Dof1 * x / Dof2, log1pr = Log1P(r);
        return LogBetaDensity(A, B, u, v) + Math.Log(r) - 2 * log1pr - Math.Log(x);
    }

    /// <inheritdoc/>
    public override double Cdf(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x <= 0) return 0;
        if (double.IsPositiveInfinity(x)) return 1;
        var (u, v) = Arguments(x);
        return IncompleteBetaPair(A, B, u, v).I;
    }

    /// <inheritdoc/>
    public override double LogCdf(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x <= 0) return double.NegativeInfinity;
        if (double.IsPositiveInfinity(x)) return 0;
        var (u, v) = Arguments(x);
        return LogIncompleteBetaPair(A, B, u, v).LogI;
    }

    /// <inheritdoc/>
    public override double LogSf(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x <= 0) return 0;
        if (double.IsPositiveInfinity(x)) return double.NegativeInfinity;
        var (u, v) = Arguments(x);
        return LogIncompleteBetaPair(A, B, u, v).LogComplement;
    }

    /// <inheritdoc/>
    public override double Sf(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x <= 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        var (u, v) = Arguments(x);
        return IncompleteBetaPair(A, B, u, v).Complement;
    }

    /// <inheritdoc/>
    public override double Ppf(double p) => Quantile(CheckProbability(p, nameof(p)), 1 - p, lower: true);

    /// <inheritdoc/>
    public override double Isf(double q) => Quantile(1 - CheckProbability(q, nameof(q)), q, lower: false);

    /// <summary>x = d2 u/(d1 v): u from I_u(a, b) = p when u is small, v from I_v(b, a) = q otherwise.</summary>
    private double Quantile(double p, double q, bool lower)
    {
        if (p == 0) return 0;
        if (q == 0) return double.PositiveInfinity;
        double u = lower ? IncompleteBetaInverse(A, B, p) : IncompleteBetaComplementInverse(A, B, q);
        if (u < 0.5) return Dof2 * u / (Dof1 * (1 - u));
        double v = lower ? IncompleteBetaComplementInverse(B, A, p) : IncompleteBetaInverse(B, A, q);
        return Dof2 * (1 - v) / (Dof1 * v);
    }

    /// <summary>d2/(d2 - 2) when d2 &gt; 2, ∞ otherwise.</summary>
    public override double Mean => Dof2 > 2 ? Dof2 / (Dof2 - 2) : double.PositiveInfinity;

    /// <summary>2 d2² (d1 + d2 - 2)/(d1 (d2-2)² (d2-4)) when d2 &gt; 4, ∞ otherwise.</summary>
    public override double Variance
        => Dof2 > 4 ? 2 * Dof2 * Dof2 * (Dof1 + Dof2 - 2) / (Dof1 * (Dof2 - 2) * (Dof2 - 2) * (Dof2 - 4)) : double.PositiveInfinity;

    /// <inheritdoc/>
    public override double Skewness
        => Dof2 > 6 ? (2 * Dof1 + Dof2 - 2) * Math.Sqrt(8 * (Dof2 - 4)) / ((Dof2 - 6) * Math.Sqrt(Dof1 * (Dof1 + Dof2 - 2))) : double.NaN;

    /// <inheritdoc/>
    public override double ExcessKurtosis
    {
        get
        {
            double d1 = Dof1, d2 = Dof2;
            if (!(d2 > 8)) return double.NaN;
            return 12 * (d1 * (5 * d2 - 22) * (d1 + d2 - 2) + (d2 - 4) * (d2 - 2) * (d2 - 2)) / (d1 * (d2 - 6) * (d2 - 8) * (d1 + d2 - 2));
        }
    }

    /// <inheritdoc/>
    public override double Entropy
        => LogBeta(A, B) + Math.Log(Dof2 / Dof1) + (1 - A) * Digamma(A) - (1 + B) * Digamma(B) + (A + B) * Digamma(A + B);

    /// <summary>(d1 - 2)/d1 · d2/(d2 + 2) when d1 &gt; 2, 0 otherwise.</summary>
    public override double Mode => Dof1 > 2 ? (Dof1 - 2) / Dof1 * Dof2 / (Dof2 + 2) : 0;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (0, double.PositiveInfinity);

    internal override double Draw(SampleStream stream)
        => _numerator.Next(stream) / Dof1 / (_denominator.Next(stream) / Dof2);
}
