using System.Numerics;
using DeepMath.Probability.Sampling;
using DeepMath.Tensors;
using static DeepMath.Probability.Tensors.SpecialTensorFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>Batched Bernoulli distributions from probabilities (torch.distributions.Bernoulli(probs)).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Bernoulli<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Bernoulli distributions with success probabilities in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1].</exception>
    public Bernoulli(Tensor<T> probs)
        : base(BroadcastShapes("Bernoulli", probs))
    {
        ArgumentNullException.ThrowIfNull(probs);
        var p = probs.Detach();
        if (!((p >= T.Zero) & (p <= T.One)).All()) throw new ArgumentOutOfRangeException(nameof(probs), "Bernoulli: probs must lie in [0, 1] everywhere.");
        Probs = probs;
    }

    /// <summary>The success probabilities.</summary>
    public Tensor<T> Probs { get; }

    /// <summary>x log p + (1 - x) log(1 - p) for x in {0, 1}; -∞ for other values.</summary>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        var v = value.Detach();
        var valid = v.ElementEquals(T.Zero) | v.ElementEquals(T.One);
        return Masked(valid, XLogY(value, Probs) + XLogY(S(1) - value, S(1) - Probs));
    }

    /// <inheritdoc/>
    public override Tensor<T> Mean => Probs.BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance => (Probs * (S(1) - Probs)).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Entropy() => (-(XLogY(Probs, Probs) + XLogY(S(1) - Probs, S(1) - Probs))).BroadcastTo(BatchShape);

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
        => Elementwise(shape, generator, (p, stream) => stream.NextDouble() < p[0] ? 1 : 0, Probs);
}

/// <summary>Batched Poisson distributions (torch.distributions.Poisson).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Poisson<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Poisson distributions with positive rates.</summary>
    public Poisson(Tensor<T> rate)
        : base(BroadcastShapes("Poisson", rate)) => Rate = Check(rate, nameof(rate), "Poisson", positive: true);

    /// <summary>The rates λ.</summary>
    public Tensor<T> Rate { get; }

    /// <summary>k log λ - λ - log k! for whole k &gt;= 0; -∞ otherwise. Not differentiable in k (a count).</summary>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        RefuseGradient(value, "Poisson.LogProb", "the count");
        var v = value.Detach();
        var valid = (v >= T.Zero) & v.ElementEquals(Floor(v));
        var safe = Tensor.Where(valid, v, Tensor.Scalar(T.Zero));
        return Masked(valid, XLogY(safe, Rate) - Rate - LogGamma(safe + S(1)));
    }

    /// <inheritdoc/>
    public override Tensor<T> Mean => Rate.BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override Tensor<T> Variance => Rate.BroadcastTo(BatchShape);

    /// <summary>By summation of the pmf (not recorded for autodiff).</summary>
    public override Tensor<T> Entropy()
    {
        var rates = Rate.Detach().BroadcastTo(BatchShape).Contiguous().ToArray();
        return Tensor.FromArray(Array.ConvertAll(rates, r => T.CreateTruncating(new Poisson(double.CreateTruncating(r)).Entropy)), BatchShape.AsSpan());
    }

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
        => Elementwise(shape, generator, (p, stream) => new PoissonSampler(p[0]).Next(stream), Rate);

    private static Tensor<T> Floor(Tensor<T> v) => Tensor.FromArray(Array.ConvertAll(v.Contiguous().ToArray(), T.Floor), v.Shape.AsSpan());
}

/// <summary>
/// Batched categorical distributions over the last axis of <c>logits</c> (unnormalised log-probabilities,
/// torch.distributions.Categorical(logits=...)); values are category indices stored as T.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Categorical<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Categorical distributions from logits of shape [..., K].</summary>
    /// <exception cref="ArgumentException">logits is 0-d or has no categories.</exception>
    public Categorical(Tensor<T> logits)
        : base(BatchOf(logits))
    {
        Logits = logits;
        Categories = logits.Shape[^1];
    }

    private static Shape BatchOf(Tensor<T> logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Shape.Rank == 0 || logits.Shape[^1] == 0) throw new ArgumentException($"Categorical: logits must have a last axis of categories; got shape {logits.Shape}.", nameof(logits));
        return new Shape(logits.Shape.AsSpan()[..^1]);
    }

    /// <summary>The logits.</summary>
    public Tensor<T> Logits { get; }

    /// <summary>The number of categories K.</summary>
    public int Categories { get; }

    /// <summary>The normalised log-probabilities.</summary>
    public Tensor<T> LogProbabilities => Logits.LogSoftmax(-1);

    /// <summary>The log-probability of category indices (broadcast against the batch shape); -∞ for indices outside 0..K-1.</summary>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        RefuseGradient(value, "Categorical.LogProb", "the category index");
        var v = value.Detach();
        int[] shape = Broadcasting.Shapes(v.Shape.ToArray(), BatchShape.ToArray(), "Categorical.LogProb");
        var indices = v.BroadcastTo(new Shape(shape)).Contiguous().ToArray();
        var valid = new bool[indices.Length];
        var index = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            double k = double.CreateTruncating(indices[i]);
            valid[i] = k >= 0 && k < Categories && k == Math.Floor(k);
            index[i] = valid[i] ? (long)k : 0;
        }
        var logp = LogProbabilities.BroadcastTo(new Shape([.. shape, Categories]));
        var picked = logp.Gather(-1, Tensor.FromArray(index, [.. shape, 1])).Squeeze(-1);
        return Masked(Tensor.FromArray(valid, shape), picked);
    }

    /// <summary>Σ k p_k.</summary>
    public override Tensor<T> Mean => (LogProbabilities.Exp() * Positions()).Sum(-1);

    /// <summary>Σ (k - mean)² p_k.</summary>
    public override Tensor<T> Variance
    {
        get
        {
            var p = LogProbabilities.Exp();
            var mean = (p * Positions()).Sum(-1, keepDims: true);
            return (p * (Positions() - mean).Square()).Sum(-1);
        }
    }

    /// <inheritdoc/>
    public override Tensor<T> Entropy()
    {
        var logp = LogProbabilities;
        return -(logp.Exp() * Tensor.Where(logp.Detach() > T.NegativeInfinity, logp, Tensor.Scalar(T.Zero))).Sum(-1);
    }

    private Tensor<T> Positions() => Tensor.FromArray(Enumerable.Range(0, Categories).Select(T.CreateTruncating).ToArray());

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
    {
        // One alias table per batch element, then draws per element from the element's stream chunk.
        var probabilities = LogProbabilities.Detach().Exp().Contiguous().ToArray();
        int batch = probabilities.Length / Categories;
        var tables = new AliasTable[batch];
        for (int b = 0; b < batch; b++)
            tables[b] = new AliasTable(Array.ConvertAll(probabilities[(b * Categories)..((b + 1) * Categories)], v => double.CreateTruncating(v)));
        long count = 1;
        foreach (int d in shape) count *= d;
        var output = new double[count];
        ChunkedSampling.Fill(output, 0, output.Length, generator, (destination, offset, n, stream) =>
        {
            for (int i = offset; i < offset + n; i++) destination[i] = tables[i % batch].Next(stream);
        });
        return Tensor.FromArray(Array.ConvertAll(output, T.CreateTruncating), shape);
    }
}
