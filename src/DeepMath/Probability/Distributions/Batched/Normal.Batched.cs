using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Probability.Distributions;

/// <summary>Batched normal distributions N(loc, scale²) (torch.distributions.Normal).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Normal<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Normals with broadcasting location and scale tensors.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A location is not finite or a scale is not finite and positive.</exception>
    public Normal(Tensor<T> loc, Tensor<T> scale)
        : base(BroadcastShapes("Normal", loc, scale))
    {
        Loc = Check(loc, nameof(loc), "Normal", positive: false);
        Scale = Check(scale, nameof(scale), "Normal", positive: true);
    }

    /// <summary>The means.</summary>
    public Tensor<T> Loc { get; }

    /// <summary>The standard deviations.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc/>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        var z = (value - Loc) / Scale;
        return S(-0.5) * z.Square() - Scale.Log() - S(0.91893853320467274178);
    }

    /// <summary>Φ((x - loc)/scale).</summary>
    public Tensor<T> Cdf(Tensor<T> value) => ((value - Loc) / Scale).NormalCdf();

    /// <summary>loc + scale·Φ⁻¹(p) (the quantile; differentiable in the parameters, not in p).</summary>
    /// <exception cref="InvalidOperationException">p requires gradients while recording.</exception>
    public Tensor<T> Icdf(Tensor<T> probability)
    {
        RefuseGradient(probability, "Normal.Icdf", "probability");
        var p = probability.Detach().Contiguous().ToArray();
        var z = Tensor.FromArray(Array.ConvertAll(p, v => T.CreateTruncating(SpecialFunctions.NormalQuantile(double.CreateTruncating(v)))), probability.Shape.AsSpan());
        return Loc + Scale * z;
    }

    /// <inheritdoc/>
    public override Tensor<T> Mean => Loc.BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance => Scale.Square().BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Entropy() => (Scale.Log() + S(0.5 + 0.91893853320467274178)).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override bool HasRSample => true;

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator) => Loc + Scale * Noise(new Normal(), shape, generator);
}
