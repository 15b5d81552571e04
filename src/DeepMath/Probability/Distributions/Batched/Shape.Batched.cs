using System.Numerics;
using DeepMath.Probability.Sampling;
using DeepMath.Tensors;
using static DeepMath.Probability.Tensors.SpecialTensorFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>Batched Weibull distributions with shape k and scale λ (torch.distributions.Weibull(scale, concentration)).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Weibull<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Weibull distributions with broadcasting shapes and scales.</summary>
    public Weibull(Tensor<T> shape, Tensor<T> scale)
        : base(BroadcastShapes("Weibull", shape, scale))
    {
        Concentration = Check(shape, nameof(shape), "Weibull", positive: true);
        Scale = Check(scale, nameof(scale), "Weibull", positive: true);
    }

    /// <summary>The shapes k.</summary>
    public Tensor<T> Concentration { get; }

    /// <summary>The scales λ.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        var positive = value.Detach() > T.Zero;
        var z = Tensor.Where(positive, value, Tensor.Scalar(T.One)) / Scale;
        var logZ = z.Log();
        return Masked(positive, Concentration.Log() - Scale.Log() + (Concentration - S(1)) * logZ - (Concentration * logZ).Exp());
    }

    /// <inheritdoc/>
    public override Tensor<T> Mean => (Scale * LogGamma(S(1) + Concentration.Reciprocal()).Exp()).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance
    {
        get
        {
            var g1 = LogGamma(S(1) + Concentration.Reciprocal()).Exp();
            var g2 = LogGamma(S(1) + S(2) / Concentration).Exp();
            return (Scale.Square() * (g2 - g1.Square())).BroadcastTo(BatchShape);
        }
    }

    /// <inheritdoc/>
    public override Tensor<T> Entropy()
        => (S(0.57721566490153286061) * (S(1) - Concentration.Reciprocal()) + (Scale / Concentration).Log() + S(1)).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override bool HasRSample => true;

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
        => Scale * Tensor.Pow(Noise(new Exponential(), shape, generator), Concentration.Reciprocal());
}

/// <summary>Batched Pareto distributions on [scale, ∞) with tail index shape (torch.distributions.Pareto(scale, alpha)).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Pareto<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Pareto distributions with broadcasting scales and shapes.</summary>
    public Pareto(Tensor<T> scale, Tensor<T> shape)
        : base(BroadcastShapes("Pareto", scale, shape))
    {
        Scale = Check(scale, nameof(scale), "Pareto", positive: true);
        Alpha = Check(shape, nameof(shape), "Pareto", positive: true);
    }

    /// <summary>The minima x_m.</summary>
    public Tensor<T> Scale { get; }

    /// <summary>The tail indices α.</summary>
    public Tensor<T> Alpha { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        var inside = value.Detach() >= Scale.Detach();
        var safe = Tensor.Where(inside, value, Scale.Detach());
        return Masked(inside, Alpha.Log() + Alpha * Scale.Log() - (Alpha + S(1)) * safe.Log());
    }

    /// <summary>α x_m/(α - 1) where α &gt; 1, ∞ elsewhere.</summary>
    public override Tensor<T> Mean => Tensor.Where(Alpha.Detach() > T.One, Alpha * Scale / (Alpha - S(1)), Tensor.Scalar(T.PositiveInfinity)).BroadcastTo(BatchShape);

    /// <summary>x_m² α/((α-1)²(α-2)) where α &gt; 2, ∞ elsewhere.</summary>
    public override Tensor<T> Variance
        => Tensor.Where(Alpha.Detach() > T.CreateTruncating(2), Scale.Square() * Alpha / ((Alpha - S(1)).Square() * (Alpha - S(2))), Tensor.Scalar(T.PositiveInfinity)).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Entropy() => ((Scale / Alpha).Log() + Alpha.Reciprocal() + S(1)).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override bool HasRSample => true;

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
        => Scale * (Noise(new Exponential(), shape, generator) / Alpha).Exp();
}

/// <summary>Batched inverse gamma distributions (1/X for X ~ Gamma(shape, rate = scale)).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class InverseGamma<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Inverse gamma distributions with broadcasting shapes and scales.</summary>
    public InverseGamma(Tensor<T> shape, Tensor<T> scale)
        : base(BroadcastShapes("InverseGamma", shape, scale))
    {
        Concentration = Check(shape, nameof(shape), "InverseGamma", positive: true);
        Scale = Check(scale, nameof(scale), "InverseGamma", positive: true);
    }

    /// <summary>The shapes α.</summary>
    public Tensor<T> Concentration { get; }

    /// <summary>The scales β.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        var positive = value.Detach() > T.Zero;
        var safe = Tensor.Where(positive, value, Tensor.Scalar(T.One));
        return Masked(positive, Concentration * Scale.Log() - LogGamma(Concentration) - (Concentration + S(1)) * safe.Log() - Scale / safe);
    }

    /// <summary>β/(α - 1) where α &gt; 1, ∞ elsewhere.</summary>
    public override Tensor<T> Mean => Tensor.Where(Concentration.Detach() > T.One, Scale / (Concentration - S(1)), Tensor.Scalar(T.PositiveInfinity)).BroadcastTo(BatchShape);

    /// <summary>β²/((α-1)²(α-2)) where α &gt; 2, ∞ elsewhere.</summary>
    public override Tensor<T> Variance
        => Tensor.Where(Concentration.Detach() > T.CreateTruncating(2), Scale.Square() / ((Concentration - S(1)).Square() * (Concentration - S(2))), Tensor.Scalar(T.PositiveInfinity)).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Entropy()
        => (Concentration + Scale.Log() + LogGamma(Concentration) - (S(1) + Concentration) * Digamma(Concentration)).BroadcastTo(BatchShape);

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
        => Elementwise(shape, generator, (p, stream) => p[1] / new GammaSampler(p[0]).Next(stream), Concentration, Scale);
}

/// <summary>Batched chi-squared distributions, Gamma(k/2, rate 1/2) (torch.distributions.Chi2).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ChiSquared<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Gamma<T> _gamma;

    /// <summary>Chi-squared distributions with the given degrees of freedom.</summary>
    public ChiSquared(Tensor<T> dof)
        : base(BroadcastShapes("ChiSquared", dof))
    {
        Dof = Check(dof, nameof(dof), "ChiSquared", positive: true);
        _gamma = new Gamma<T>(S(0.5) * dof, S(0.5));
    }

    /// <summary>The degrees of freedom.</summary>
    public Tensor<T> Dof { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value) => _gamma.LogProb(value);

    /// <inheritdoc/>
    public override Tensor<T> Mean => _gamma.Mean;

    /// <inheritdoc/>
    public override Tensor<T> Variance => _gamma.Variance;

    /// <inheritdoc/>
    public override Tensor<T> Entropy() => _gamma.Entropy();

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator) => _gamma.Sample(new Shape(shape.AsSpan()[..^BatchShape.Rank]), generator);
}

/// <summary>Batched F distributions with d1 and d2 degrees of freedom (torch.distributions.FisherSnedecor).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class FDistribution<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>F distributions with broadcasting degrees of freedom.</summary>
    public FDistribution(Tensor<T> dof1, Tensor<T> dof2)
        : base(BroadcastShapes("F", dof1, dof2))
    {
        Dof1 = Check(dof1, nameof(dof1), "F", positive: true);
        Dof2 = Check(dof2, nameof(dof2), "F", positive: true);
    }

    /// <summary>The numerator degrees of freedom.</summary>
    public Tensor<T> Dof1 { get; }

    /// <summary>The denominator degrees of freedom.</summary>
    public Tensor<T> Dof2 { get; }

    /// <summary>½[d1 log(d1 x) + d2 log d2 - (d1 + d2) log(d1 x + d2)] - log x - log B(d1/2, d2/2).</summary>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        var positive = value.Detach() > T.Zero;
        var x = Tensor.Where(positive, value, Tensor.Scalar(T.One));
        var d1x = Dof1 * x;
        var body = S(0.5) * (Dof1 * d1x.Log() + Dof2 * Dof2.Log() - (Dof1 + Dof2) * (d1x + Dof2).Log()) - x.Log()
            - LogBeta(S(0.5) * Dof1, S(0.5) * Dof2);
        return Masked(positive, body);
    }

    /// <summary>d2/(d2 - 2) where d2 &gt; 2, ∞ elsewhere.</summary>
    public override Tensor<T> Mean => Tensor.Where(Dof2.Detach() > T.CreateTruncating(2), Dof2 / (Dof2 - S(2)), Tensor.Scalar(T.PositiveInfinity)).BroadcastTo(BatchShape);

    /// <summary>2 d2²(d1 + d2 - 2)/(d1 (d2 - 2)² (d2 - 4)) where d2 &gt; 4, ∞ elsewhere.</summary>
    public override Tensor<T> Variance
        => Tensor.Where(Dof2.Detach() > T.CreateTruncating(4), S(2) * Dof2.Square() * (Dof1 + Dof2 - S(2)) / (Dof1 * (Dof2 - S(2)).Square() * (Dof2 - S(4))), Tensor.Scalar(T.PositiveInfinity)).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Entropy()
    {
        var a = S(0.5) * Dof1;
        var b = S(0.5) * Dof2;
        return (LogBeta(a, b) + (Dof2 / Dof1).Log() + (S(1) - a) * Digamma(a) - (S(1) + b) * Digamma(b) + (a + b) * Digamma(a + b)).BroadcastTo(BatchShape);
    }

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
        => Elementwise(shape, generator, (p, stream) => new GammaSampler(p[0] / 2).Next(stream) / p[0] / (new GammaSampler(p[1] / 2).Next(stream) / p[1]), Dof1, Dof2);
}

/// <summary>Batched negative binomial distributions: failures before the r-th success (torch.distributions.NegativeBinomial with probs = 1 - p).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class NegativeBinomial<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Negative binomial distributions with r &gt; 0 successes and success probabilities p in (0, 1).</summary>
    public NegativeBinomial(Tensor<T> r, Tensor<T> p)
        : base(BroadcastShapes("NegativeBinomial", r, p))
    {
        R = Check(r, nameof(r), "NegativeBinomial", positive: true);
        ArgumentNullException.ThrowIfNull(p);
        var d = p.Detach();
        if (!((d > T.Zero) & (d < T.One)).All()) throw new ArgumentOutOfRangeException(nameof(p), "NegativeBinomial: p must lie in (0, 1) everywhere.");
        P = p;
    }

    /// <summary>The numbers of successes r.</summary>
    public Tensor<T> R { get; }

    /// <summary>The success probabilities p.</summary>
    public Tensor<T> P { get; }

    /// <summary>log Γ(k + r) - log Γ(k + 1) - log Γ(r) + r log p + k log(1 - p) for whole k &gt;= 0.</summary>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        RefuseGradient(value, "NegativeBinomial.LogProb", "the count");
        var v = value.Detach();
        var values = v.Contiguous().ToArray();
        var whole = Tensor.FromArray(Array.ConvertAll(values, k => k >= T.Zero && k == T.Floor(k)), v.Shape.AsSpan());
        var k = Tensor.Where(whole, v, Tensor.Scalar(T.Zero));
        return Masked(whole, LogGamma(k + R) - LogGamma(k + S(1)) - LogGamma(R) + R * P.Log() + k * (-P).Log1P());
    }

    /// <inheritdoc/>
    public override Tensor<T> Mean => (R * (S(1) - P) / P).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance => (R * (S(1) - P) / P.Square()).BroadcastTo(BatchShape);

    /// <summary>By summation of the pmf (not recorded for autodiff).</summary>
    public override Tensor<T> Entropy()
    {
        var r = R.Detach().BroadcastTo(BatchShape).Contiguous().ToArray();
        var p = P.Detach().BroadcastTo(BatchShape).Contiguous().ToArray();
        var h = new T[r.Length];
        for (int i = 0; i < h.Length; i++) h[i] = T.CreateTruncating(new NegativeBinomial(double.CreateTruncating(r[i]), double.CreateTruncating(p[i])).Entropy);
        return Tensor.FromArray(h, BatchShape.AsSpan());
    }

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
        => Elementwise(shape, generator, (q, stream) => new PoissonSampler(new GammaSampler(q[0]).Next(stream) * (1 - q[1]) / q[1]).Next(stream), R, P);
}
