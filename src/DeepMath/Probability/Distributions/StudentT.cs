using DeepMath.Probability.Sampling;
using static DeepMath.Probability.SpecialFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>Student's t distribution with ν degrees of freedom, location and scale (scipy.stats.t(dof, loc, scale)).</summary>
public sealed class StudentT : ContinuousDistribution
{
    private readonly GammaSampler _chiHalf;

    /// <summary>A Student t distribution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">dof or scale is not a finite number &gt; 0, or loc is not finite.</exception>
    public StudentT(double dof, double loc = 0, double scale = 1)
    {
        DegreesOfFreedom = Guard.Positive(dof, nameof(dof), nameof(StudentT));
        Location = Guard.Finite(loc, nameof(loc), nameof(StudentT));
        Scale = Guard.Positive(scale, nameof(scale), nameof(StudentT));
        _chiHalf = new GammaSampler(dof / 2);
    }

    /// <summary>The degrees of freedom ν.</summary>
    public double DegreesOfFreedom { get; }

    /// <summary>The location (the median).</summary>
    public double Location { get; }

    /// <summary>The scale.</summary>
    public double Scale { get; }

    private double Nu => DegreesOfFreedom;

    /// <inheritdoc/>
    public override double LogPdf(double x)
    {
        double z = (x - Location) / Scale;
        // log Γ((ν+1)/2) - log Γ(ν/2) - ½ log(νπ) = -log B(ν/2, ½) - ½ log ν: no cancellation for large ν.
        return -LogBeta(Nu / 2, 0.5) - 0.5 * Math.Log(Nu) - Math.Log(Scale) - (Nu + 1) / 2 * Log1P(z * z / Nu);
    }

    /// <inheritdoc/>
    public override double Cdf(double x)
    {
        double z = (x - Location) / Scale;
        return z < 0 ? LowerTail(z) : 1 - LowerTail(-z);
    }

    /// <inheritdoc/>
    public override double Sf(double x)
    {
        double z = (x - Location) / Scale;
        return z > 0 ? LowerTail(-z) : 1 - LowerTail(z);
    }

    /// <summary>P(T &lt; z) for z &lt;= 0: ½ I_(ν/(ν+z²))(ν/2, ½), from the complement's argument z²/(ν+z²) when that is the small one.</summary>
    private double LowerTail(double z)
    {
        if (double.IsNaN(z)) return z;
        if (double.IsNegativeInfinity(z)) return 0;
        double t2 = z * z;
        if (double.IsInfinity(t2))
        {
            // |z| beyond 1e154: the tail is the power law Γ((ν+1)/2)/(Γ(ν/2)√(νπ)) ν^((ν+1)/2) |z|^(-ν) / ν.
            double logTail = -LogBeta(Nu / 2, 0.5) - 0.5 * Math.Log(Nu) + (Nu + 1) / 2 * Math.Log(Nu) - Nu * Math.Log(-z) - Math.Log(Nu);
            return Math.Exp(logTail);
        }
        if (t2 < Nu) return 0.5 * IncompleteBetaComplement(0.5, Nu / 2, t2 / (Nu + t2));
        return 0.5 * IncompleteBeta(Nu / 2, 0.5, Nu / (Nu + t2));
    }

    /// <inheritdoc/>
    public override double Ppf(double p)
    {
        CheckProbability(p, nameof(p));
        return p < 0.5 ? Location - Scale * UpperQuantile(2 * p) : p == 0.5 ? Location : Location + Scale * UpperQuantile(2 * (1 - p));
    }

    /// <inheritdoc/>
    public override double Isf(double q)
    {
        CheckProbability(q, nameof(q));
        return q < 0.5 ? Location + Scale * UpperQuantile(2 * q) : q == 0.5 ? Location : Location - Scale * UpperQuantile(2 * (1 - q));
    }

    /// <summary>The t &gt; 0 with P(|T| &gt; t) = twoSided, from x = ν/(ν+t²) when x is small and from y = 1 - x otherwise.</summary>
    private double UpperQuantile(double twoSided)
    {
        if (twoSided == 0) return double.PositiveInfinity;
        double x = IncompleteBetaInverse(Nu / 2, 0.5, twoSided);
        if (x < 0.5) return Math.Sqrt(Nu) * Math.Sqrt((1 - x) / x);
        double y = IncompleteBetaComplementInverse(0.5, Nu / 2, twoSided);
        return Math.Sqrt(Nu) * Math.Sqrt(y / (1 - y));
    }

    /// <summary>The location when ν &gt; 1, NaN otherwise.</summary>
    public override double Mean => Nu > 1 ? Location : double.NaN;

    /// <summary>s² ν/(ν-2) when ν &gt; 2, ∞ for 1 &lt; ν &lt;= 2, NaN otherwise.</summary>
    public override double Variance => Nu > 2 ? Scale * Scale * Nu / (Nu - 2) : Nu > 1 ? double.PositiveInfinity : double.NaN;

    /// <inheritdoc/>
    public override double Skewness => Nu > 3 ? 0 : double.NaN;

    /// <inheritdoc/>
    public override double ExcessKurtosis => Nu > 4 ? 6 / (Nu - 4) : Nu > 2 ? double.PositiveInfinity : double.NaN;

    /// <inheritdoc/>
    public override double Entropy
    {
        get
        {
            double h = (Nu + 1) / 2;
            return h * (Digamma(h) - Digamma(Nu / 2)) + 0.5 * Math.Log(Nu) + LogBeta(Nu / 2, 0.5) + Math.Log(Scale);
        }
    }

    /// <inheritdoc/>
    public override double Median => Location;

    /// <inheritdoc/>
    public override double Mode => Location;

    /// <inheritdoc/>
    public override (double Lower, double Upper) Support => (double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>Z / √(V/ν) with V ~ χ²(ν) = 2 Gamma(ν/2).</summary>
    internal override double Draw(SampleStream stream)
    {
        double z = stream.NextNormal(), v = 2 * _chiHalf.Next(stream);
        return Location + Scale * z / Math.Sqrt(v / Nu);
    }
}
