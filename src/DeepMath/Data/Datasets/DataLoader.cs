using DeepMath.Tensors;

namespace DeepMath.Data.Datasets;

/// <summary>
/// Mini-batches of a <see cref="TensorDataset{T}"/>: each epoch draws a permutation from a seeded
/// generator (when shuffling) and slices it into batches; the last partial batch is kept unless
/// <see cref="DropLast"/>. The generator's position is the loader's whole state, so a restored
/// position reproduces every later epoch exactly.
/// </summary>
/// <typeparam name="T">Feature element type.</typeparam>
public sealed class DataLoader<T> where T : unmanaged
{
    /// <summary>Creates the loader.</summary>
    public DataLoader(TensorDataset<T> dataset, int batchSize, bool shuffle = true, ulong seed = 0, bool dropLast = false)
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
    public TensorDataset<T> Dataset { get; }

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

    /// <summary>One epoch of (features, labels) batches.</summary>
    public IEnumerable<(Tensor<T> Features, Tensor<long> Labels)> Epoch()
    {
        int n = Dataset.Count;
        var order = Shuffle ? Generator.Permutation(n) : Enumerable.Range(0, n).ToArray();
        var features = Dataset.Features.Detach();
        for (int b = 0; b < BatchCount; b++)
        {
            int start = b * BatchSize, size = Math.Min(BatchSize, n - start);
            if (!Shuffle)
            {
                yield return (features.Narrow(0, start, size), Dataset.Labels.Narrow(0, start, size));
                continue;
            }
            var index = new long[size];
            for (int i = 0; i < size; i++) index[i] = order[start + i];
            var indices = Tensor.Wrap(index, size);
            yield return (features.IndexSelect(0, indices), Dataset.Labels.IndexSelect(0, indices));
        }
    }
}
