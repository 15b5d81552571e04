using DeepMath.Data.Datasets;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Data.Datasets;

public class DataLoaderTests
{
    /// <summary>Sample i has features [i, 10 i] and label i % 3, so a batch shows which samples it holds.</summary>
    private static TensorDataset<float> Numbered(int count)
    {
        var features = new float[count * 2];
        var labels = new long[count];
        for (int i = 0; i < count; i++)
        {
            features[2 * i] = i;
            features[2 * i + 1] = 10 * i;
            labels[i] = i % 3;
        }
        return new TensorDataset<float>(Tensor.Wrap(features, count, 2), Tensor.Wrap(labels, count), ["a", "b", "c"], "numbered");
    }

    [Theory]
    [InlineData(10, 3, false, 4)]
    [InlineData(10, 3, true, 3)]
    [InlineData(9, 3, false, 3)]
    [InlineData(2, 5, false, 1)]
    [InlineData(2, 5, true, 0)]
    public void Batches_cover_every_sample_once_per_epoch(int count, int batchSize, bool dropLast, int expectedBatches)
    {
        var loader = new DataLoader<float>(Numbered(count), batchSize, shuffle: true, seed: 4, dropLast: dropLast);
        Assert.Equal(expectedBatches, loader.BatchCount);
        var batches = loader.Epoch().ToList();
        Assert.Equal(expectedBatches, batches.Count);
        var seen = new List<int>();
        foreach (var (x, y) in batches)
        {
            Assert.Equal(x.Shape[0], y.Length);
            for (int r = 0; r < x.Shape[0]; r++)
            {
                int i = (int)x[r, 0];
                Assert.Equal(10f * i, x[r, 1]);
                Assert.Equal(i % 3, y[r]);
                seen.Add(i);
            }
        }
        var sizes = batches.Select(b => b.Inputs.Shape[0]).ToArray();
        Assert.All(sizes.SkipLast(1), size => Assert.Equal(batchSize, size));
        if (sizes.Length > 0) Assert.Equal(dropLast || count % batchSize == 0 ? Math.Min(batchSize, count) : count % batchSize, sizes[^1]);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(dropLast ? expectedBatches * batchSize : count, seen.Count);
    }

    [Fact]
    public void Shuffling_is_seeded_and_differs_between_epochs()
    {
        static int[] Order(DataLoader<float> loader) => [.. loader.Epoch().SelectMany(b => Enumerable.Range(0, b.Inputs.Shape[0]).Select(r => (int)b.Inputs[r, 0]))];
        var a = new DataLoader<float>(Numbered(50), 8, shuffle: true, seed: 11);
        var b = new DataLoader<float>(Numbered(50), 8, shuffle: true, seed: 11);
        var c = new DataLoader<float>(Numbered(50), 8, shuffle: true, seed: 12);
        var first = Order(a);
        Assert.Equal(first, Order(b));
        Assert.NotEqual(first, Order(c));
        Assert.NotEqual(first, Order(a));
        Assert.NotEqual(Enumerable.Range(0, 50), first);
        Assert.Equal(Enumerable.Range(0, 50), Order(new DataLoader<float>(Numbered(50), 8, shuffle: false)));
    }

    [Fact]
    public void Restoring_the_generator_position_replays_the_next_epoch()
    {
        var a = new DataLoader<float>(Numbered(40), 7, seed: 2);
        _ = a.Epoch().ToList();
        long position = a.Generator.Position;
        var expected = a.Epoch().Select(batch => batch.Inputs.Clone()).ToList();
        var b = new DataLoader<float>(Numbered(40), 7, seed: 2);
        b.Generator.Position = position;
        var replay = b.Epoch().ToList();
        Assert.Equal(expected.Count, replay.Count);
        for (int i = 0; i < expected.Count; i++) Assert.True(expected[i].AsSpan().SequenceEqual(replay[i].Inputs.AsSpan()));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader<float>(Numbered(4), 0));
        var e = Assert.Throws<ArgumentException>(() => new TensorDataset<float>(Tensor.Zeros<float>(3, 2), Tensor.Zeros<long>(4), ["x"]));
        Assert.Contains("(3, 2)", e.Message);
        Assert.Contains("(4,)", e.Message);
    }
}
