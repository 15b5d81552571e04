using DeepMath.Data.Datasets;
using DeepMath.Neural;
using DeepMath.Neural.Training;
using DeepMath.Optimization;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Neural.Training;

/// <summary>Runs only where Debian's dataset-fashion-mnist is installed (.ci/run installs it).</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    /// <summary>Skips the test when the data set is missing.</summary>
    public FashionMnistFactAttribute()
    {
        if (!File.Exists(Path.Combine(BuiltInDatasets.FashionMnistFolder, "t10k-labels-idx1-ubyte.gz")))
            Skip = $"Fashion-MNIST is not installed in {BuiltInDatasets.FashionMnistFolder} (apt-get install dataset-fashion-mnist).";
    }
}

public class FashionMnistSmokeTests
{
    [FashionMnistFact]
    public void The_real_files_load_with_their_published_contents()
    {
        var data = BuiltInDatasets.FashionMnist<float>();
        Assert.Equal([60000, 784], data.Train.Features.Shape.ToArray());
        Assert.Equal([10000, 784], data.Test.Features.Shape.ToArray());
        Assert.Equal("Ankle boot", data.Train.ClassNames[9]);
        // First labels and float64 pixel means as NumPy reads the same files (../shared/peers/fmnist.py); 0.2860 is the set's well-known mean.
        Assert.Equal([9L, 0, 0, 3, 0, 2, 7, 2, 5, 5], data.Train.Labels[..10].ToArray());
        Assert.Equal([9L, 2, 1, 1, 6, 1, 4, 6, 5, 7], data.Test.Labels[..10].ToArray());
        Assert.Equal(0.2860406021939525, data.Train.Features.Cast<double>().Mean().ToScalar(), 12);
        Assert.Equal(0.28684928596725223, data.Test.Features.Cast<double>().Mean().ToScalar(), 12);
        Assert.Equal(299.00784, data.Train.Features[0..1].Cast<double>().Sum().ToScalar(), 4);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(6000, data.Train.Labels.Contiguous().AsSpan().ToArray().Count(y => y == c)));

        var small = BuiltInDatasets.FashionMnist<float>(imageSize: 14);
        Assert.Equal([60000, 196], small.Train.Features.Shape.ToArray());
        var image = data.Train.Features[7..8].Reshape(28, 28);
        for (int r = 0; r < 14; r += 5)
            for (int c = 0; c < 14; c += 3)
            {
                float block = (image[2 * r, 2 * c] + image[2 * r, 2 * c + 1] + image[2 * r + 1, 2 * c] + image[2 * r + 1, 2 * c + 1]) / 4;
                Assert.Equal(block, small.Train.Features[7, 14 * r + c], 5);
            }
    }

    [FashionMnistFact]
    public void A_small_network_learns_from_a_subset_in_seconds()
    {
        var data = BuiltInDatasets.FashionMnist<float>();
        var train = data.Train.Take(4000);
        var test = data.Test.Take(1000);
        var model = ModelSpec.Parse("784-64-10:relu").Build<float>(new RandomGenerator(0));
        var trainer = new Trainer<float>(model, new Sgd<float>(model.Parameters(), 0.05, momentum: 0.9), (o, y) => Losses.CrossEntropy(o, y),
            new TrainerSettings { Epochs = 3, BatchSize = 64 });
        var result = trainer.Fit(train, test);
        // A 784-64-10 MLP on 4,000 images reaches about 80 %; chance is 10 %.
        Assert.True(result.History[^1].TestAccuracy > 0.72, $"test accuracy {result.History[^1].TestAccuracy:P2}");
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss);
    }
}
