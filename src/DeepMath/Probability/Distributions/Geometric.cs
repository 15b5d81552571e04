using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>Which count a geometric distribution describes.</summary>
public enum GeometricConvention
{
    /// <summary>The number of trials up to and including the first success: support 1, 2, ... (scipy.stats.geom).</summary>
    Trials,

    /// <summary>The number of failures before the first success: support 0, 1, ... (torch.distributions.Geometric).</summary>
    Failures,
}

/// <summary>The geometric distribution, in either convention (<see cref="GeometricConvention"/>).</summary>
public sealed class Geometric : DiscreteDistribution
{
    /// <summary>A geometric distribution with success probability p.</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is outside (0, 1].</exception>
    public Geometric(double p, GeometricConvention convention = GeometricConvention.Trials)
    {
        P = Guard.OpenProbability(p, nameof(p), nameof(Geometric));
        Convention = convention;
    }

    /// <summary>The success probability of each trial.</summary>
    public double P { get; }

    /// <summary>Trials (support from 1) or failures (support from 0).</summary>
    public GeometricConvention Convention { get; }

    private double Shift => Convention == GeometricConvention.Trials ? 1 : 0;

    /// <inheritdoc/>
    public override double LogPmf(double k)
    {
        if (double.IsNaN(k)) return k;
        double failures = k - Shift;
        if (!DiscreteSums.IsInteger(k) || failures < 0) return double.NegativeInfinity;
        return Math.Log(P) + XLog1PY(failures, -P);
    }

    /// <inheritdoc/>
    public override double Cdf(double x) => double.IsNaN(x) ? x : Math.Floor(x) < Shift ? 0 : -ExpM1(LogSf(x));

    /// <inheritdoc/>
    public override double Sf(double x) => double.IsNaN(x) ? x : Math.Exp(LogSf(x));

    /// <inheritdoc/>
    public override double LogCdf(double x) => double.IsNaN(x) ? x : Math.Floor(x) < Shift ? double.NegativeInfinity : Log1MExp(-LogSf(x));

    /// <inheritdoc/>
    public override double LogSf(double x)
    {
        if (double.IsNaN(x)) return x;
        double failuresPlusOne = Math.Floor(x) - Shift + 1; // P(X > x) = (1 - p)^(⌊x⌋ - shift + 1)
        return failuresPlusOne <= 0 ? 0 : XLog1PY(failuresPlusOne, -P);
    }

    /// <inheritdoc/>
    public override double Mean => Shift + (1 - P) / P;

    /// <inheritdoc/>
    public override double Variance => (1 - P) / (P * P);

    /// <inheritdoc/>
    public override double Skewness => (2 - P) / Math.Sqrt(1 - P);

    /// <inheritdoc/>
    public override double ExcessKurtosis => 6 + P * P / (1 - P);

    /// <inheritdoc/>
    public override double Entropy => (-XLog1PY(1 - P, -P) - XLogY(P, P)) / P;

    /// <inheritdoc/>
    public override double Mode => Shift;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (Shift, double.PositiveInfinity);

    /// <summary>Inversion: ⌊log U / log(1 - p)⌋ failures.</summary>
    internal override double Draw(SampleStream stream)
        => P == 1 ? Shift : Shift + Math.Floor(-stream.NextExponential() / Log1P(-P));
}
