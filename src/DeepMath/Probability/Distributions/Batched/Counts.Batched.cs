using System.Numerics;
using DeepMath.Probability.Sampling;
using DeepMath.Tensors;
using static DeepMath.Probability.Tensors.SpecialTensorFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>Batched binomial distributions: successes in n trials (torch.distributions.Binomial(total_count, probs)).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Binomial<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Binomial distributions with whole trial counts n &gt;= 0 and probabilities in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is not a whole number &gt;= 0, or a probability is outside [0, 1].</exception>
    public Binomial(Tensor<T> n, Tensor<T> p)
        : base(BroadcastShapes("Binomial", n, p))
    {
        ArgumentNullException.ThrowIfNull(n);
        ArgumentNullException.ThrowIfNull(p);
        foreach (var count in n.Detach().Contiguous().ToArray())
            if (!(count >= T.Zero) || count != T.Floor(count) || T.IsInfinity(count))
                throw new ArgumentOutOfRangeException(nameof(n), $"Binomial: n must be a whole number >= 0 everywhere; got {count}.");
        var d = p.Detach();
        if (!((d >= T.Zero) & (d <= T.One)).All()) throw new ArgumentOutOfRangeException(nameof(p), "Binomial: p must lie in [0, 1] everywhere.");
        N = n;
        P = p;
    }

    /// <summary>The trial counts.</summary>
    public Tensor<T> N { get; }

    /// <summary>The success probabilities.</summary>
    public Tensor<T> P { get; }

    /// <summary>log C(n, k) + k log p + (n - k) log(1 - p) for whole 0 &lt;= k &lt;= n; -∞ otherwise. Differentiable in p.</summary>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        RefuseGradient(value, "Binomial.LogProb", "the count");
        var k = value.Detach();
        int[] shape = Broadcasting.Shapes(k.Shape.ToArray(), BatchShape.ToArray(), "Binomial.LogProb");
        var ks = k.BroadcastTo(new Shape(shape)).Contiguous().ToArray();
        var ns = N.Detach().BroadcastTo(new Shape(shape)).Contiguous().ToArray();
        var valid = new bool[ks.Length];
        for (int i = 0; i < ks.Length; i++) valid[i] = ks[i] >= T.Zero && ks[i] <= ns[i] && ks[i] == T.Floor(ks[i]);
        var mask = Tensor.FromArray(valid, shape);
        var safe = Tensor.Where(mask, k.BroadcastTo(new Shape(shape)), Tensor.Scalar(T.Zero));
        var n = N.Detach();
        var logChoose = LogGamma(n + S(1)) - LogGamma(safe + S(1)) - LogGamma(n - safe + S(1));
        return Masked(mask, logChoose + XLogY(safe, P) + XLogY(n - safe, S(1) - P));
    }

    /// <inheritdoc/>
    public override Tensor<T> Mean => (N * P).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance => (N * P * (S(1) - P)).BroadcastTo(BatchShape);

    /// <summary>By summation of the pmf (not recorded for autodiff).</summary>
    public override Tensor<T> Entropy()
    {
        var n = N.Detach().BroadcastTo(BatchShape).Contiguous().ToArray();
        var p = P.Detach().BroadcastTo(BatchShape).Contiguous().ToArray();
        var h = new T[n.Length];
        for (int i = 0; i < h.Length; i++) h[i] = T.CreateTruncating(new Binomial(long.CreateTruncating(n[i]), double.CreateTruncating(p[i])).Entropy);
        return Tensor.FromArray(h, BatchShape.AsSpan());
    }

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
        => Elementwise(shape, generator, (q, stream) => new BinomialSampler((long)q[0], q[1]).Next(stream), N, P);
}

/// <summary>Batched geometric distributions counting failures before the first success (torch.distributions.Geometric).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Geometric<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Geometric distributions with success probabilities in (0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside (0, 1].</exception>
    public Geometric(Tensor<T> p)
        : base(BroadcastShapes("Geometric", p))
    {
        ArgumentNullException.ThrowIfNull(p);
        var d = p.Detach();
        if (!((d > T.Zero) & (d <= T.One)).All()) throw new ArgumentOutOfRangeException(nameof(p), "Geometric: p must lie in (0, 1] everywhere.");
        P = p;
    }

    /// <summary>The success probabilities.</summary>
    public Tensor<T> P { get; }

    /// <summary>log p + k log(1 - p) for whole k &gt;= 0; -∞ otherwise.</summary>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        RefuseGradient(value, "Geometric.LogProb", "the count");
        var k = value.Detach();
        var ks = k.Contiguous().ToArray();
        var mask = Tensor.FromArray(Array.ConvertAll(ks, v => v >= T.Zero && v == T.Floor(v)), k.Shape.AsSpan());
        var safe = Tensor.Where(mask, k, Tensor.Scalar(T.Zero));
        return Masked(mask, P.Log() + XLogY(safe, S(1) - P));
    }

    /// <inheritdoc/>
    public override Tensor<T> Mean => ((S(1) - P) / P).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance => ((S(1) - P) / P.Square()).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Entropy() => (-(XLogY(S(1) - P, S(1) - P) + XLogY(P, P)) / P).BroadcastTo(BatchShape);

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
        => Elementwise(shape, generator, (q, stream) => q[0] == 1 ? 0 : Math.Floor(-stream.NextExponential() / SpecialFunctions.Log1P(-q[0])), P);
}
