using DeepMath.Data.Datasets;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Data.Datasets;

public class BuiltInDatasetTests
{
    // Sizes, features and class counts as published with each data set (UCI / scikit-learn's copies).
    [Theory]
    [InlineData("digits", 1797, 64, 10)]
    [InlineData("iris", 150, 4, 3)]
    [InlineData("wine", 178, 13, 3)]
    [InlineData("breast-cancer", 569, 30, 2)]
    public void Embedded_sets_have_their_published_sizes_and_a_stratified_split(string name, int samples, int features, int classes)
    {
        var data = BuiltInDatasets.Load<double>(name, seed: 3);
        Assert.Equal(samples, data.Train.Count + data.Test.Count);
        Assert.Equal([features], data.Train.SampleShape);
        Assert.Equal(classes, data.Train.ClassCount);
        Assert.Equal(data.Train.ClassNames, data.Test.ClassNames);
        var all = Counts(data.Train).Zip(Counts(data.Test), (a, b) => a + b).ToArray();
        var test = Counts(data.Test);
        for (int c = 0; c < classes; c++) Assert.Equal(Math.Round(0.2 * all[c]), test[c]);
        var again = BuiltInDatasets.Load<double>(name, seed: 3);
        Assert.True(data.Test.Features.AsSpan().SequenceEqual(again.Test.Features.AsSpan()));
    }

    [Theory]
    [InlineData("iris")]
    [InlineData("wine")]
    [InlineData("breast-cancer")]
    public void Tables_are_standardized_with_the_training_part_statistics(string name)
    {
        var data = BuiltInDatasets.Load<double>(name);
        var mean = data.Train.Features.Mean(0);
        var std = data.Train.Features.Std(0);
        Assert.All(mean.AsSpan().ToArray(), m => Assert.True(Math.Abs(m) < 1e-9));
        Assert.All(std.AsSpan().ToArray(), s => Assert.True(Math.Abs(s - 1) < 1e-9));
        // The test part is transformed with the same statistics, so it is only roughly standard.
        Assert.NotNull(data.Preparation.Standardizer);
        Assert.All(data.Test.Features.Mean(0).AsSpan().ToArray(), m => Assert.True(Math.Abs(m) < 1));
    }

    [Fact]
    public void Iris_keeps_its_first_sample_and_class_names()
    {
        var data = BuiltInDatasets.Load<double>("iris");
        Assert.Equal(["setosa", "versicolor", "virginica"], data.Train.ClassNames);
        // Sample 0 of Fisher's table (5.1, 3.5, 1.4, 0.2; setosa) is in one of the parts; undo the scaling to find it.
        var s = data.Preparation.Standardizer!;
        var raw = Tensor.Concatenate([data.Train.Features, data.Test.Features], 0) * s.Std + s.Mean;
        var labels = Tensor.Concatenate([data.Train.Labels, data.Test.Labels], 0);
        bool found = false;
        for (int i = 0; i < raw.Shape[0]; i++)
            if (Math.Abs(raw[i, 0] - 5.1) < 1e-9 && Math.Abs(raw[i, 1] - 3.5) < 1e-9 && Math.Abs(raw[i, 2] - 1.4) < 1e-9 && Math.Abs(raw[i, 3] - 0.2) < 1e-9)
                found |= labels[i] == 0;
        Assert.True(found);
    }

    [Fact]
    public void Digits_pixels_are_scaled_to_the_unit_interval()
    {
        var data = BuiltInDatasets.Load<float>("digits");
        Assert.Equal(0f, data.Train.Features.Min().ToScalar());
        Assert.Equal(1f, data.Train.Features.Max().ToScalar());
        // Class counts from scikit-learn's load_digits.
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], Counts(data.Train).Zip(Counts(data.Test), (a, b) => a + b));
    }

    [Fact]
    public void Unknown_names_and_missing_fashion_mnist_explain_themselves()
    {
        var e = Assert.Throws<ArgumentException>(() => BuiltInDatasets.Load<float>("mnist"));
        Assert.Contains("fashion-mnist", e.Message);
        var folder = Path.Combine(Path.GetTempPath(), $"deepmath-missing-{Guid.NewGuid():N}");
        var missing = Assert.Throws<FileNotFoundException>(() => BuiltInDatasets.Load<float>("fashion-mnist", folder));
        Assert.Contains("apt-get install dataset-fashion-mnist", missing.Message);
        Assert.Contains(folder, missing.Message);
    }

    private static int[] Counts<T>(TensorDataset<T> data) where T : unmanaged
    {
        var counts = new int[data.ClassCount];
        foreach (var y in data.Labels.Contiguous().AsSpan()) counts[y]++;
        return counts;
    }
}
