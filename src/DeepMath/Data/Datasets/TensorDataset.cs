using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Data.Datasets;

/// <summary>
/// Samples held in memory for any task: inputs [N, ...] and targets [N, ...] of any element types
/// (class labels, regression values, several outputs, or the inputs themselves for an autoencoder).
/// Subsets and splits share nothing with the original (rows are copied).
/// </summary>
/// <typeparam name="TInput">Input element type.</typeparam>
/// <typeparam name="TTarget">Target element type.</typeparam>
public class TensorDataset<TInput, TTarget> where TInput : unmanaged where TTarget : unmanaged
{
    /// <summary>Creates the data set; the first axis of both tensors indexes samples.</summary>
    /// <exception cref="ArgumentException">The sample counts differ (both shapes are named).</exception>
    public TensorDataset(Tensor<TInput> inputs, Tensor<TTarget> targets, string name = "dataset")
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(name);
        if (inputs.Rank < 1 || targets.Rank < 1 || inputs.Shape[0] != targets.Shape[0])
            throw new ArgumentException($"{name}: inputs of shape {inputs.Shape} and targets of shape {targets.Shape} do not hold the same number of samples.");
        Inputs = inputs;
        Targets = targets;
        Name = name;
    }

    /// <summary>Samples [N, ...].</summary>
    public Tensor<TInput> Inputs { get; }

    /// <summary>Targets [N, ...].</summary>
    public Tensor<TTarget> Targets { get; }

    /// <summary>A name for messages.</summary>
    public string Name { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Inputs.Shape[0];

    /// <summary>The shape of one sample's inputs.</summary>
    public int[] SampleShape => Inputs.Shape.AsSpan()[1..].ToArray();

    /// <summary>The shape of one sample's target.</summary>
    public int[] TargetShape => Targets.Shape.AsSpan()[1..].ToArray();

    /// <summary>The samples at the given indices, copied.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, Count).</exception>
    public TensorDataset<TInput, TTarget> Select(IReadOnlyList<int> indices, string? name = null)
    {
        var index = IndexTensor(indices);
        return new TensorDataset<TInput, TTarget>(Inputs.Detach().IndexSelect(0, index), Targets.Detach().IndexSelect(0, index), name ?? Name);
    }

    /// <summary>The first <paramref name="count"/> samples (or all when fewer), copied.</summary>
    public TensorDataset<TInput, TTarget> First(int count) => Select([.. Enumerable.Range(0, Math.Clamp(count, 0, Count))]);

    /// <summary>A seeded random split: round(fraction x N) samples go to the second part; both keep the original order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1).</exception>
    public (TensorDataset<TInput, TTarget> Train, TensorDataset<TInput, TTarget> Test) RandomSplit(double testFraction, ulong seed)
    {
        var (train, test) = SplitIndices(testFraction, seed);
        return (Select(train, Name + " (train)"), Select(test, Name + " (test)"));
    }

    /// <summary>Indices of a seeded random split (sorted within each part).</summary>
    protected (List<int> Train, List<int> Test) SplitIndices(double testFraction, ulong seed)
    {
        if (!(testFraction > 0 && testFraction < 1)) throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be in (0, 1).");
        var order = Enumerable.Range(0, Count).ToArray();
        new RandomGenerator(seed).Shuffle<int>(order);
        int testCount = (int)Math.Round(testFraction * Count);
        var test = order.Take(testCount).Order().ToList();
        var train = order.Skip(testCount).Order().ToList();
        return (train, test);
    }

    /// <summary>Indices as a tensor, checked against the sample count.</summary>
    protected Tensor<long> IndexTensor(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var index = new long[indices.Count];
        for (int i = 0; i < index.Length; i++)
        {
            if (indices[i] < 0 || indices[i] >= Count)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[i], $"{Name}: sample index {indices[i]} is outside [0, {Count}).");
            index[i] = indices[i];
        }
        return Tensor.FromArray(index);
    }
}

/// <summary>
/// A labelled classification data set: features [N, ...] and integer class labels [N], with the
/// class names. Subsets and splits share nothing with the original (rows are copied).
/// </summary>
/// <typeparam name="T">Feature element type.</typeparam>
public sealed class TensorDataset<T> : TensorDataset<T, long> where T : unmanaged
{
    /// <summary>Creates the data set; the first axis of the features indexes samples.</summary>
    /// <exception cref="ArgumentException">Sample counts differ, the labels are not 1-D, or a label is outside the class list.</exception>
    public TensorDataset(Tensor<T> features, Tensor<long> labels, IReadOnlyList<string> classNames, string name = "dataset")
        : base(features, labels, name)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (labels.Rank != 1)
            throw new ArgumentException($"{name}: features of shape {features.Shape} and labels of shape {labels.Shape} do not hold the same number of samples (labels must be 1-D).");
        foreach (var y in labels.Contiguous().AsSpan())
            if (y < 0 || y >= classNames.Count) throw new ArgumentException($"{name}: label {y} is outside the {classNames.Count} classes.");
        ClassNames = classNames;
    }

    /// <summary>Samples [N, ...] (the inputs).</summary>
    public Tensor<T> Features => Inputs;

    /// <summary>Class indices [N] (the targets).</summary>
    public Tensor<long> Labels => Targets;

    /// <summary>Class names, indexed by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>The samples at the given indices, copied.</summary>
    public TensorDataset<T> Subset(IReadOnlyList<int> indices, string? name = null)
    {
        var index = IndexTensor(indices);
        return new TensorDataset<T>(Features.Detach().IndexSelect(0, index), Labels.IndexSelect(0, index), ClassNames, name ?? Name);
    }

    /// <summary>The first <paramref name="count"/> samples (or all when fewer).</summary>
    public TensorDataset<T> Take(int count) => Subset([.. Enumerable.Range(0, Math.Clamp(count, 0, Count))]);

    /// <summary>
    /// A stratified split: within each class, a seeded shuffle assigns round(fraction x class size)
    /// samples to the second part, so both parts keep the class proportions.
    /// </summary>
    public (TensorDataset<T> Train, TensorDataset<T> Test) StratifiedSplit(double testFraction, ulong seed)
    {
        if (!(testFraction > 0 && testFraction < 1)) throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be in (0, 1).");
        var generator = new RandomGenerator(seed);
        var labels = Labels.Contiguous().AsSpan().ToArray();
        var train = new List<int>();
        var test = new List<int>();
        for (int c = 0; c < ClassCount; c++)
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();
            generator.Shuffle<int>(members);
            int testCount = (int)Math.Round(testFraction * members.Length);
            test.AddRange(members.Take(testCount));
            train.AddRange(members.Skip(testCount));
        }
        train.Sort();
        test.Sort();
        return (Subset(train, Name + " (train)"), Subset(test, Name + " (test)"));
    }
}

/// <summary>Feature scaling fitted on training data and applied unchanged to other data.</summary>
public sealed class Standardizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a scaler from per-feature means and standard deviations.</summary>
    public Standardizer(Tensor<T> mean, Tensor<T> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (!mean.Shape.Equals(std.Shape)) throw new ArgumentException($"Mean shape {mean.Shape} and standard deviation shape {std.Shape} differ.");
        Mean = mean;
        Std = std;
    }

    /// <summary>Per-feature mean.</summary>
    public Tensor<T> Mean { get; }

    /// <summary>Per-feature standard deviation (constant features use 1).</summary>
    public Tensor<T> Std { get; }

    /// <summary>Fits the z-score scaling (x - mean) / std per feature over the first axis.</summary>
    public static Standardizer<T> Fit(Tensor<T> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var _ = GradMode.Disable();
        var x = features.Detach();
        var mean = x.Mean(0);
        var std = x.Std(0);
        return new Standardizer<T>(mean, Tensor.Where(std.ElementEquals(T.Zero), T.One, std));
    }

    /// <summary>Undoes the scaling: x std + mean (predictions back in the original units).</summary>
    public Tensor<T> InverseTransform(Tensor<T> scaled)
    {
        ArgumentNullException.ThrowIfNull(scaled);
        using var _ = GradMode.Disable();
        return scaled.Detach() * Std + Mean;
    }

    /// <summary>Applies the scaling.</summary>
    public Tensor<T> Transform(Tensor<T> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var _ = GradMode.Disable();
        return (features.Detach() - Mean) / Std;
    }
}
