using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Data.Datasets;

/// <summary>
/// A labelled data set held in memory: features [N, ...] and integer class labels [N], with the
/// class names. Subsets and splits share nothing with the original (rows are copied).
/// </summary>
/// <typeparam name="T">Feature element type.</typeparam>
public sealed class TensorDataset<T> where T : unmanaged
{
    /// <summary>Creates the data set; the first axis of the features indexes samples.</summary>
    /// <exception cref="ArgumentException">Sample counts differ, or a label is outside the class list.</exception>
    public TensorDataset(Tensor<T> features, Tensor<long> labels, IReadOnlyList<string> classNames, string name = "dataset")
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (features.Rank < 1 || labels.Rank != 1 || features.Shape[0] != labels.Length)
            throw new ArgumentException($"{name}: features of shape {features.Shape} and labels of shape {labels.Shape} do not hold the same number of samples.");
        foreach (var y in labels.Contiguous().AsSpan())
            if (y < 0 || y >= classNames.Count) throw new ArgumentException($"{name}: label {y} is outside the {classNames.Count} classes.");
        Features = features;
        Labels = labels;
        ClassNames = classNames;
        Name = name;
    }

    /// <summary>Samples [N, ...].</summary>
    public Tensor<T> Features { get; }

    /// <summary>Class indices [N].</summary>
    public Tensor<long> Labels { get; }

    /// <summary>Class names, indexed by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>A name for messages.</summary>
    public string Name { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Number of classes.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>The features of one sample.</summary>
    public int[] SampleShape => Features.Shape.AsSpan()[1..].ToArray();

    /// <summary>The samples at the given indices, copied.</summary>
    public TensorDataset<T> Subset(IReadOnlyList<int> indices, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var index = Tensor.FromArray(indices.Select(i => (long)i).ToArray());
        return new TensorDataset<T>(Features.Detach().IndexSelect(0, index), Labels.IndexSelect(0, index), ClassNames, name ?? Name);
    }

    /// <summary>The first <paramref name="count"/> samples (or all when fewer).</summary>
    public TensorDataset<T> Take(int count) => Subset([.. Enumerable.Range(0, Math.Min(count, Count))]);

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

    /// <summary>Applies the scaling.</summary>
    public Tensor<T> Transform(Tensor<T> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var _ = GradMode.Disable();
        return (features.Detach() - Mean) / Std;
    }
}
