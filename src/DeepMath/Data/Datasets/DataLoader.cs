using DeepMath.Tensors;

namespace DeepMath.Data.Datasets;

/// <summary>
/// Mini-batches of a <see cref="TensorDataset{TInput, TTarget}"/>: each epoch draws a permutation
/// from a seeded generator (when shuffling) and slices it into batches; the last partial batch is
/// kept unless <see cref="DropLast"/>. The generator's position is the loader's whole state, so a
/// restored position reproduces every later epoch exactly.
/// </summary>
/// <typeparam name="TInput">Input element type.</typeparam>
/// <typeparam name="TTarget">Target element type.</typeparam>
public class DataLoader<TInput, TTarget> where TInput : unmanaged where TTarget : unmanaged
{
    /// <summary>Creates the loader.</summary>
    public DataLoader(TensorDataset<TInput, TTarget> dataset, int batchSize, bool shuffle = true, ulong seed = 0, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        Generator = new RandomGenerator(seed, stream: 0x10ADE5);
    }

    /// <summary>The data.</summary>
    public TensorDataset<TInput, TTarget> Dataset { get; }

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch uses a fresh permutation.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether a final partial batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>The shuffling generator (its <see cref="RandomGenerator.Position"/> is saved in checkpoints).</summary>
    public RandomGenerator Generator { get; }

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>One epoch of (inputs, targets) batches.</summary>
    public IEnumerable<(Tensor<TInput> Inputs, Tensor<TTarget> Targets)> Epoch()
    {
        int n = Dataset.Count;
        var order = Shuffle ? Generator.Permutation(n) : Enumerable.Range(0, n).ToArray();
        var inputs = Dataset.Inputs.Detach();
        var targets = Dataset.Targets.Detach();
        for (int b = 0; b < BatchCount; b++)
        {
            int start = b * BatchSize, size = Math.Min(BatchSize, n - start);
            if (!Shuffle)
            {
                yield return (inputs.Narrow(0, start, size), targets.Narrow(0, start, size));
                continue;
            }
            var index = new long[size];
            for (int i = 0; i < size; i++) index[i] = order[start + i];
            var indices = Tensor.Wrap(index, size);
            yield return (inputs.IndexSelect(0, indices), targets.IndexSelect(0, indices));
        }
    }
}

/// <summary>Mini-batches of a classification data set: (features, labels).</summary>
/// <typeparam name="T">Feature element type.</typeparam>
public sealed class DataLoader<T> : DataLoader<T, long> where T : unmanaged
{
    /// <summary>Creates the loader.</summary>
    public DataLoader(TensorDataset<T> dataset, int batchSize, bool shuffle = true, ulong seed = 0, bool dropLast = false)
        : base(dataset, batchSize, shuffle, seed, dropLast)
    {
    }
}
