using System.Numerics;
using DeepMath.LinearAlgebra;
using DeepMath.Probability.Sampling;
using DeepMath.Tensors;
using static DeepMath.Probability.Tensors.SpecialTensorFunctions;

namespace DeepMath.Probability.Distributions;

/// <summary>
/// Multivariate normal distributions N(loc, L Lᵀ) with batched means [..., d] and one lower Cholesky
/// factor L [d, d] (torch.distributions.MultivariateNormal(loc, scale_tril=L)); LogProb solves with L
/// (differentiable in loc, L and the value), RSample is loc + L z.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class MultivariateNormal<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Multivariate normals with means [..., d] and the lower-triangular factor [d, d] of the covariance.</summary>
    /// <exception cref="ArgumentException">The shapes disagree, or a diagonal entry of the factor is not positive.</exception>
    public MultivariateNormal(Tensor<T> loc, Tensor<T> scaleTril)
        : base(BatchOf(loc))
    {
        ArgumentNullException.ThrowIfNull(scaleTril);
        int d = loc.Shape[^1];
        if (scaleTril.Shape.Rank != 2 || scaleTril.Shape[0] != d || scaleTril.Shape[1] != d)
            throw new ArgumentException($"MultivariateNormal: scaleTril must be [{d}, {d}] to match loc's last axis; got {scaleTril.Shape}.", nameof(scaleTril));
        var diagonal = scaleTril.Detach().Diagonal().Contiguous().ToArray();
        for (int i = 0; i < d; i++)
            if (!(double.CreateTruncating(diagonal[i]) > 0))
                throw new ArgumentException($"MultivariateNormal: scaleTril's diagonal must be positive; [{i}, {i}] = {diagonal[i]}.", nameof(scaleTril));
        Loc = loc;
        ScaleTril = scaleTril;
        Dimension = d;
    }

    private static Shape BatchOf(Tensor<T> loc)
    {
        ArgumentNullException.ThrowIfNull(loc);
        if (loc.Shape.Rank == 0 || loc.Shape[^1] == 0) throw new ArgumentException($"MultivariateNormal: loc must have a last axis of size d >= 1; got shape {loc.Shape}.", nameof(loc));
        return new Shape(loc.Shape.AsSpan()[..^1]);
    }

    /// <summary>The means [..., d].</summary>
    public Tensor<T> Loc { get; }

    /// <summary>The lower Cholesky factor of the covariance [d, d] (only the lower triangle is used).</summary>
    public Tensor<T> ScaleTril { get; }

    /// <summary>The dimension d.</summary>
    public int Dimension { get; }

    /// <inheritdoc/>
    public override Shape EventShape => new(Dimension);

    private Tensor<T> Lower => ScaleTril * LowerMask();

    private Tensor<T> LowerMask()
    {
        var mask = new T[Dimension * Dimension];
        for (int i = 0; i < Dimension; i++)
            for (int j = 0; j <= i; j++) mask[i * Dimension + j] = T.One;
        return Tensor.FromArray(mask, Dimension, Dimension);
    }

    /// <summary>-½ |L⁻¹(x - loc)|² - Σ log L_ii - (d/2) log 2π, of the broadcast batch shape of value and loc.</summary>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Shape.Rank == 0 || value.Shape[^1] != Dimension)
            throw new ArgumentException($"MultivariateNormal.LogProb: value must end in an axis of size {Dimension}; got shape {value.Shape}.", nameof(value));
        var diff = value - Loc;
        int[] batch = diff.Shape.AsSpan()[..^1].ToArray();
        int n = 1;
        foreach (int b in batch) n *= b;
        var rows = diff.Reshape(n, Dimension);
        var z = Linalg.Solve(Lower, rows.Transpose()); // [d, n]
        var mahalanobis = z.Square().Sum(0).Reshape(batch);
        var logDet = ScaleTril.Diagonal().Log().Sum();
        return S(-0.5) * mahalanobis - logDet - S(Dimension * 0.91893853320467274178);
    }

    /// <inheritdoc/>
    public override Tensor<T> Mean => Loc;

    /// <summary>The diagonal of the covariance, broadcast to the batch.</summary>
    public override Tensor<T> Variance => Lower.Square().Sum(1).BroadcastTo(new Shape([.. BatchShape.AsSpan(), Dimension]));

    /// <summary>The covariance L Lᵀ.</summary>
    public Tensor<T> Covariance => Lower.MatMul(Lower.Transpose());

    /// <inheritdoc/>
    public override Tensor<T> Entropy()
        => (ScaleTril.Diagonal().Log().Sum() + S(Dimension * (0.5 + 0.91893853320467274178))).BroadcastTo(BatchShape);

    /// <inheritdoc/>
    public override bool HasRSample => true;

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
    {
        var eps = Noise(new Normal(), shape, generator);
        int n = eps.Length / Dimension;
        var correlated = eps.Reshape(n, Dimension).MatMul(Lower.Transpose()).Reshape(shape);
        return Loc + correlated;
    }
}

/// <summary>Batched Dirichlet distributions over the last axis of the concentrations (torch.distributions.Dirichlet).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Dirichlet<T> : TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Dirichlet distributions with concentrations [..., K], K &gt;= 2, all positive.</summary>
    public Dirichlet(Tensor<T> concentration)
        : base(BatchOf(concentration))
    {
        Concentration = Check(concentration, nameof(concentration), "Dirichlet", positive: true);
        Categories = concentration.Shape[^1];
    }

    private static Shape BatchOf(Tensor<T> concentration)
    {
        ArgumentNullException.ThrowIfNull(concentration);
        if (concentration.Shape.Rank == 0 || concentration.Shape[^1] < 2)
            throw new ArgumentException($"Dirichlet: concentration must have a last axis of at least 2 categories; got shape {concentration.Shape}.", nameof(concentration));
        return new Shape(concentration.Shape.AsSpan()[..^1]);
    }

    /// <summary>The concentrations α [..., K].</summary>
    public Tensor<T> Concentration { get; }

    /// <summary>K.</summary>
    public int Categories { get; }

    /// <inheritdoc/>
    public override Shape EventShape => new(Categories);

    /// <summary>Σ (α_i - 1) log x_i - log B(α) for x on the open simplex (entries in (0, 1)); -∞ for entries outside.</summary>
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = value.Detach();
        var inside = (v > T.Zero) & (v < T.One);
        var safe = Tensor.Where(inside, value, Tensor.Scalar(T.CreateTruncating(0.5)));
        var terms = ((Concentration - S(1)) * safe.Log()).Sum(-1);
        var normalizer = LogGamma(Concentration).Sum(-1) - LogGamma(Concentration.Sum(-1));
        var allInside = Tensor.FromArray(AllAlongLast(inside), inside.Shape.AsSpan()[..^1]);
        return Masked(allInside, terms - normalizer);
    }

    private static bool[] AllAlongLast(Tensor<bool> mask)
    {
        var values = mask.Contiguous().ToArray();
        int k = mask.Shape[^1], rows = values.Length / k;
        var result = new bool[rows];
        for (int r = 0; r < rows; r++) result[r] = values.AsSpan(r * k, k).IndexOf(false) < 0;
        return result;
    }

    /// <inheritdoc/>
    public override Tensor<T> Mean => Concentration / Concentration.Sum(-1, keepDims: true);

    /// <inheritdoc/>
    public override Tensor<T> Variance
    {
        get
        {
            var total = Concentration.Sum(-1, keepDims: true);
            return Concentration * (total - Concentration) / (total.Square() * (total + S(1)));
        }
    }

    /// <inheritdoc/>
    public override Tensor<T> Entropy()
    {
        var total = Concentration.Sum(-1);
        var logB = LogGamma(Concentration).Sum(-1) - LogGamma(total);
        return logB + (total - S(Categories)) * Digamma(total) - ((Concentration - S(1)) * Digamma(Concentration)).Sum(-1);
    }

    private protected override Tensor<T> Draw(int[] shape, RandomGenerator generator)
    {
        var gammas = Elementwise(shape, generator, (p, stream) => new GammaSampler(p[0]).Next(stream), Concentration.BroadcastTo(new Shape(shape)));
        return gammas / gammas.Sum(-1, keepDims: true);
    }
}
