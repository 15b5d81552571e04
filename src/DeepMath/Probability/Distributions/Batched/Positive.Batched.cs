using System.Numerics;
using DeepMath.Probability.Sampling;
using DeepMath.Tensors;
using static DeepMath.Probability.Tensors.SpecialTensorFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>Batched log-normal distributions: exp of Normal(loc, scale) (torch.distributions.LogNormal).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LogNormal<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Log-normals whose logarithms have the given means and standard deviations.</summary>
    public LogNormal(Tensor<T> loc, Tensor<T> scale)
        : base(BroadcastShapes("LogNormal", loc, scale))
    {
        Loc = Check(loc, nameof(loc), "LogNormal", positive: false);
        Scale = Check(scale, nameof(scale), "LogNormal", positive: true);
    }

    /// <summary>The means of log X.</summary>
    public Tensor<T> Loc { get; }

    /// <summary>The standard deviations of log X.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        var positive = value.Detach() > T.Zero;
        var safe = Tensor.Where(positive, value, Tensor.Scalar(T.One)); // no log of 0 or a negative in the masked branch
        var logX = safe.Log();
        var z = (logX - Loc) / Scale;
        return Masked(positive, S(-0.5) * z.Square() - Scale.Log() - logX - S(0.91893853320467274178));
    }

    /// <summary>Φ((log x - loc)/scale), 0 for x &lt;= 0.</summary>
    public Tensor<T> Cdf(Tensor<T> value)
    {
        var positive = value.Detach() > T.Zero;
        var safe = Tensor.Where(positive, value, Tensor.Scalar(T.One));
        return Tensor.Where(positive, ((safe.Log() - Loc) / Scale).NormalCdf(), Tensor.Scalar(T.Zero));
    }

    /// <inheritdoc/>
    public override Tensor<T> Mean => (Loc + S(0.5) * Scale.Square()).Exp().BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance => (Scale.Square().ExpM1() * (S(2) * Loc + Scale.Square()).Exp()).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Entropy() => (Loc + Scale.Log() + S(0.5 + 0.91893853320467274178)).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override bool HasRSample => true;

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator) => (Loc + Scale * Noise(new Normal(), shape, generator)).Exp();
}

/// <summary>Batched exponential distributions (torch.distributions.Exponential).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Exponential<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Exponentials with the given rates.</summary>
    public Exponential(Tensor<T> rate)
        : base(BroadcastShapes("Exponential", rate)) => Rate = Check(rate, nameof(rate), "Exponential", positive: true);

    /// <summary>The rates.</summary>
    public Tensor<T> Rate { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value) => Masked(value.Detach() >= T.Zero, Rate.Log() - Rate * value);

    /// <summary>1 - e^(-λx) (0 below 0), as -expm1(-λx).</summary>
    public Tensor<T> Cdf(Tensor<T> value) => -(-Rate * value.Relu()).ExpM1();

    /// <summary>-log1p(-p)/λ, differentiable in p and λ.</summary>
    public Tensor<T> Icdf(Tensor<T> probability) => -(-probability).Log1P() / Rate;

    /// <inheritdoc/>
    public override Tensor<T> Mean => Rate.Reciprocal().BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance => Rate.Square().Reciprocal().BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Entropy() => (S(1) - Rate.Log()).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override bool HasRSample => true;

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator) => Noise(new Exponential(), shape, generator) / Rate;
}

/// <summary>Batched uniform distributions on [low, high] (torch.distributions.Uniform).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Uniform<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Uniforms with broadcasting ends.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An end is not finite, or some high is not above its low.</exception>
    public Uniform(Tensor<T> low, Tensor<T> high)
        : base(BroadcastShapes("Uniform", low, high))
    {
        Low = Check(low, nameof(low), "Uniform", positive: false);
        High = Check(high, nameof(high), "Uniform", positive: false);
        if (!(high.Detach() > low.Detach()).All()) throw new ArgumentOutOfRangeException(nameof(high), "Uniform: high must exceed low everywhere.");
    }

    /// <summary>The lower ends.</summary>
    public Tensor<T> Low { get; }

    /// <summary>The upper ends.</summary>
    public Tensor<T> High { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        var v = value.Detach();
        return Masked((v >= Low.Detach()) & (v <= High.Detach()), -(High - Low).Log() + value * S(0));
    }

    /// <summary>(x - low)/(high - low), clamped to [0, 1].</summary>
    public Tensor<T> Cdf(Tensor<T> value) => ((value - Low) / (High - Low)).Clamp(T.Zero, T.One);

    /// <summary>low + p (high - low).</summary>
    public Tensor<T> Icdf(Tensor<T> probability) => Low + probability * (High - Low);

    /// <inheritdoc/>
    public override Tensor<T> Mean => (S(0.5) * (Low + High)).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance => ((High - Low).Square() / S(12)).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Entropy() => (High - Low).Log().BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override bool HasRSample => true;

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator) => Low + (High - Low) * Noise(new Uniform(), shape, generator);
}

/// <summary>Batched gamma distributions with shape (concentration) and rate (torch.distributions.Gamma).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Gamma<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Gamma distributions with broadcasting shape and rate.</summary>
    public Gamma(Tensor<T> shape, Tensor<T> rate)
        : base(BroadcastShapes("Gamma", shape, rate))
    {
        Concentration = Check(shape, nameof(shape), "Gamma", positive: true);
        Rate = Check(rate, nameof(rate), "Gamma", positive: true);
    }

    /// <summary>The shapes k.</summary>
    public Tensor<T> Concentration { get; }

    /// <summary>The rates β.</summary>
    public Tensor<T> Rate { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        var positive = value.Detach() > T.Zero;
        var safe = Tensor.Where(positive, value, Tensor.Scalar(T.One));
        return Masked(positive, Concentration * Rate.Log() + (Concentration - S(1)) * safe.Log() - Rate * safe - LogGamma(Concentration));
    }

    /// <inheritdoc/>
    public override Tensor<T> Mean => (Concentration / Rate).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance => (Concentration / Rate.Square()).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Entropy()
        => (Concentration - Rate.Log() + LogGamma(Concentration) + (S(1) - Concentration) * Digamma(Concentration)).BroadcastTo(BatchShape);

    /// <summary>Draws without gradients (Marsaglia-Tsang per element).</summary>
    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
        => Elementwise(shape, generator, (p, stream) => new GammaSampler(p[0]).Next(stream) / p[1], Concentration, Rate);
}

/// <summary>Batched beta distributions (torch.distributions.Beta).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Beta<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Beta distributions with broadcasting shapes.</summary>
    public Beta(Tensor<T> alpha, Tensor<T> beta)
        : base(BroadcastShapes("Beta", alpha, beta))
    {
        Alpha = Check(alpha, nameof(alpha), "Beta", positive: true);
        BetaParameter = Check(beta, nameof(beta), "Beta", positive: true);
    }

    /// <summary>The first shapes α.</summary>
    public Tensor<T> Alpha { get; }

    /// <summary>The second shapes β.</summary>
    public Tensor<T> BetaParameter { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        var v = value.Detach();
        var inside = (v > T.Zero) & (v < T.One);
        var safe = Tensor.Where(inside, value, Tensor.Scalar(T.CreateTruncating(0.5)));
        return Masked(inside, (Alpha - S(1)) * safe.Log() + (BetaParameter - S(1)) * (-safe).Log1P() - LogBeta(Alpha, BetaParameter));
    }

    /// <inheritdoc/>
    public override Tensor<T> Mean => (Alpha / (Alpha + BetaParameter)).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance
    {
        get
        {
            var total = Alpha + BetaParameter;
            return (Alpha * BetaParameter / (total.Square() * (total + S(1)))).BroadcastTo(BatchShape);
        }
    }

    /// <inheritdoc/>
    public override Tensor<T> Entropy()
    {
        var total = Alpha + BetaParameter;
        return (LogBeta(Alpha, BetaParameter) - (Alpha - S(1)) * Digamma(Alpha) - (BetaParameter - S(1)) * Digamma(BetaParameter)
            + (total - S(2)) * Digamma(total)).BroadcastTo(BatchShape);
    }

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
        => Elementwise(shape, generator, (p, stream) =>
        {
            double x = new GammaSampler(p[0]).Next(stream), y = new GammaSampler(p[1]).Next(stream);
            return x + y > 0 ? x / (x + y) : stream.NextDouble() < p[0] / (p[0] + p[1]) ? 1 : 0;
        }, Alpha, BetaParameter);
}

/// <summary>Batched Student t distributions (torch.distributions.StudentT).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class StudentT<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Student t distributions with broadcasting degrees of freedom, location and scale.</summary>
    public StudentT(Tensor<T> dof, Tensor<T> loc, Tensor<T> scale)
        : base(BroadcastShapes("StudentT", dof, loc, scale))
    {
        Dof = Check(dof, nameof(dof), "StudentT", positive: true);
        Loc = Check(loc, nameof(loc), "StudentT", positive: false);
        Scale = Check(scale, nameof(scale), "StudentT", positive: true);
    }

    /// <summary>The degrees of freedom ν.</summary>
    public Tensor<T> Dof { get; }

    /// <summary>The locations.</summary>
    public Tensor<T> Loc { get; }

    /// <summary>The scales.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        var z = (value - Loc) / Scale;
        var half = S(0.5) * Dof;
        return LogGamma(half + S(0.5)) - LogGamma(half) - S(0.5) * (Dof * S(Math.PI)).Log() - Scale.Log()
            - (half + S(0.5)) * (z.Square() / Dof).Log1P();
    }

    /// <summary>The locations where ν &gt; 1, NaN elsewhere.</summary>
    public override Tensor<T> Mean => Tensor.Where(Dof.Detach() > T.One, Loc, Tensor.Scalar(T.NaN)).BroadcastTo(BatchShape);

    /// <summary>s² ν/(ν - 2) where ν &gt; 2, ∞ for 1 &lt; ν &lt;= 2, NaN elsewhere.</summary>
    public override Tensor<T> Variance
    {
        get
        {
            var d = Dof.Detach();
            var finite = Scale.Square() * Dof / (Dof - S(2));
            return Tensor.Where(d > T.CreateTruncating(2), finite, Tensor.Where(d > T.One, Tensor.Scalar(T.PositiveInfinity), Tensor.Scalar(T.NaN))).BroadcastTo(BatchShape);
        }
    }

    /// <inheritdoc/>
    public override Tensor<T> Entropy()
    {
        var half = S(0.5) * Dof;
        return ((half + S(0.5)) * (Digamma(half + S(0.5)) - Digamma(half)) + S(0.5) * Dof.Log() + LogBeta(half, S(0.5).BroadcastTo(half.Shape)) + Scale.Log()).BroadcastTo(BatchShape);
    }

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
        => Elementwise(shape, generator, (p, stream) =>
        {
            double z = stream.NextNormal(), v = 2 * new GammaSampler(p[0] / 2).Next(stream);
            return p[1] + p[2] * z / Math.Sqrt(v / p[0]);
        }, Dof, Loc, Scale);
}
