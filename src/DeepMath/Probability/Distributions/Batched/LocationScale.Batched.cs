using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Probability.Distributions;

/// <summary>Batched Laplace distributions (torch.distributions.Laplace).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Laplace<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Laplace distributions with broadcasting location and scale.</summary>
    public Laplace(Tensor<T> loc, Tensor<T> scale)
        : base(BroadcastShapes("Laplace", loc, scale))
    {
        Loc = Check(loc, nameof(loc), "Laplace", positive: false);
        Scale = Check(scale, nameof(scale), "Laplace", positive: true);
    }

    /// <summary>The locations.</summary>
    public Tensor<T> Loc { get; }

    /// <summary>The scales b.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value) => -((value - Loc).Abs() / Scale) - (S(2) * Scale).Log();

    /// <summary>½ + ½ sign(z)(1 - e^(-|z|)), z = (x - loc)/scale.</summary>
    public Tensor<T> Cdf(Tensor<T> value)
    {
        var z = (value - Loc) / Scale;
        return S(0.5) - S(0.5) * z.Sign() * (-z.Abs()).ExpM1();
    }

    /// <summary>loc - scale sign(p - ½) log(1 - 2|p - ½|).</summary>
    public Tensor<T> Icdf(Tensor<T> probability)
    {
        var centered = probability - S(0.5);
        return Loc - Scale * centered.Sign() * (S(-2) * centered.Abs()).Log1P();
    }

    /// <inheritdoc/>
    public override Tensor<T> Mean => Loc.BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance => (S(2) * Scale.Square()).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Entropy() => (S(1) + (S(2) * Scale).Log()).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override bool HasRSample => true;

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator) => Loc + Scale * Noise(new Laplace(), shape, generator);
}

/// <summary>Batched Gumbel (maximum) distributions (torch.distributions.Gumbel).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Gumbel<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Gumbel distributions with broadcasting location and scale.</summary>
    public Gumbel(Tensor<T> loc, Tensor<T> scale)
        : base(BroadcastShapes("Gumbel", loc, scale))
    {
        Loc = Check(loc, nameof(loc), "Gumbel", positive: false);
        Scale = Check(scale, nameof(scale), "Gumbel", positive: true);
    }

    /// <summary>The locations (modes).</summary>
    public Tensor<T> Loc { get; }

    /// <summary>The scales β.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        var z = (value - Loc) / Scale;
        return -z - (-z).Exp() - Scale.Log();
    }

    /// <summary>exp(-e^(-z)).</summary>
    public Tensor<T> Cdf(Tensor<T> value) => (-(-(value - Loc) / Scale).Exp()).Exp();

    /// <summary>loc - scale log(-log p).</summary>
    public Tensor<T> Icdf(Tensor<T> probability) => Loc - Scale * (-probability.Log()).Log();

    /// <inheritdoc/>
    public override Tensor<T> Mean => (Loc + S(0.57721566490153286061) * Scale).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance => (S(Math.PI * Math.PI / 6) * Scale.Square()).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Entropy() => (Scale.Log() + S(1.57721566490153286061)).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override bool HasRSample => true;

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator) => Loc + Scale * Noise(new Gumbel(), shape, generator);
}

/// <summary>Batched Cauchy distributions (torch.distributions.Cauchy).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Cauchy<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Cauchy distributions with broadcasting location and scale.</summary>
    public Cauchy(Tensor<T> loc, Tensor<T> scale)
        : base(BroadcastShapes("Cauchy", loc, scale))
    {
        Loc = Check(loc, nameof(loc), "Cauchy", positive: false);
        Scale = Check(scale, nameof(scale), "Cauchy", positive: true);
    }

    /// <summary>The locations (medians).</summary>
    public Tensor<T> Loc { get; }

    /// <summary>The scales.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value) => -((value - Loc) / Scale).Square().Log1P() - (S(Math.PI) * Scale).Log();

    /// <summary>½ + atan(z)/π.</summary>
    public Tensor<T> Cdf(Tensor<T> value) => S(0.5) + ((value - Loc) / Scale).Atan() / S(Math.PI);

    /// <summary>loc + scale tan(π(p - ½)).</summary>
    public Tensor<T> Icdf(Tensor<T> probability) => Loc + Scale * (S(Math.PI) * (probability - S(0.5))).Tan();

    /// <summary>Undefined: NaN.</summary>
    public override Tensor<T> Mean => Tensor.Full(BatchShape, T.NaN);

    /// <summary>Undefined: NaN.</summary>
    public override Tensor<T> Variance => Tensor.Full(BatchShape, T.NaN);

    /// <inheritdoc/>
    public override Tensor<T> Entropy() => (S(4 * Math.PI) * Scale).Log().BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override bool HasRSample => true;

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator) => Loc + Scale * Noise(new Cauchy(), shape, generator);
}

/// <summary>Batched logistic distributions.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Logistic<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Logistic distributions with broadcasting location and scale.</summary>
    public Logistic(Tensor<T> loc, Tensor<T> scale)
        : base(BroadcastShapes("Logistic", loc, scale))
    {
        Loc = Check(loc, nameof(loc), "Logistic", positive: false);
        Scale = Check(scale, nameof(scale), "Logistic", positive: true);
    }

    /// <summary>The locations.</summary>
    public Tensor<T> Loc { get; }

    /// <summary>The scales.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        var z = (value - Loc) / Scale;
        return z.LogSigmoid() + (-z).LogSigmoid() - Scale.Log();
    }

    /// <summary>σ((x - loc)/scale).</summary>
    public Tensor<T> Cdf(Tensor<T> value) => ((value - Loc) / Scale).Sigmoid();

    /// <summary>loc + scale logit(p).</summary>
    public Tensor<T> Icdf(Tensor<T> probability) => Loc + Scale * (probability.Log() - (-probability).Log1P());

    /// <inheritdoc/>
    public override Tensor<T> Mean => Loc.BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance => (S(Math.PI * Math.PI / 3) * Scale.Square()).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Entropy() => (Scale.Log() + S(2)).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override bool HasRSample => true;

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator) => Loc + Scale * Noise(new Logistic(), shape, generator);
}
