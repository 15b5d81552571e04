using DeepMath.Neural;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Neural;

/// <summary>Shape and label errors name what was given.</summary>
public class LossArgumentTests
{
    [Fact]
    public void Elementwise_losses_name_both_shapes()
    {
        var p = Tensor.Zeros<double>(2, 3);
        var t = Tensor.Zeros<double>(3, 2);
        foreach (var call in new Func<Tensor<double>>[]
        {
            () => Losses.MeanSquaredError(p, t), () => Losses.L1(p, t), () => Losses.Huber(p, t),
            () => Losses.BinaryCrossEntropy(p, t), () => Losses.BinaryCrossEntropyWithLogits(p, t),
        })
        {
            var e = Assert.Throws<ArgumentException>(call);
            Assert.Contains("(2, 3)", e.Message);
            Assert.Contains("(3, 2)", e.Message);
        }
    }

    [Fact]
    public void Broadcastable_but_different_shapes_are_still_rejected()
    {
        // PyTorch warns and broadcasts; here a target of shape (3,) for predictions (2, 3) is an error.
        var e = Assert.Throws<ArgumentException>(() => Losses.MeanSquaredError(Tensor.Zeros<double>(2, 3), Tensor.Zeros<double>(3)));
        Assert.Contains("(3,)", e.Message);
    }

    [Fact]
    public void Classification_losses_name_scores_and_labels_shapes()
    {
        var z = Tensor.Zeros<double>(2, 3);
        var e = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(z, Tensor.FromArray(new long[] { 0, 1, 2 })));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(3,)", e.Message);
        var nll = Assert.Throws<ArgumentException>(() => Losses.NegativeLogLikelihood(Tensor.Zeros<double>(3), Tensor.FromArray(new long[] { 0, 1, 2 })));
        Assert.Contains("(3,)", nll.Message);
    }

    [Fact]
    public void Out_of_range_labels_are_named()
    {
        var z = Tensor.Zeros<double>(2, 3);
        Assert.Contains("label 3", Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(z, Tensor.FromArray(new long[] { 0, 3 }))).Message);
        Assert.Contains("label -1", Assert.Throws<ArgumentException>(() => Losses.NegativeLogLikelihood(z, Tensor.FromArray(new long[] { -1, 0 }))).Message);
    }

    [Fact]
    public void Class_weights_must_match_the_classes()
    {
        var z = Tensor.Zeros<double>(2, 3);
        var e = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(z, Tensor.FromArray(new long[] { 0, 1 }), Tensor.Ones<double>(2)));
        Assert.Contains("(2,)", e.Message);
        Assert.Contains("3 classes", e.Message);
    }

    [Fact]
    public void One_hot_rows()
    {
        var h = Losses.OneHot<double>(Tensor.FromArray(new long[] { 2, 0 }), 3);
        Assert.Equal([2, 3], h.Shape.ToArray());
        Assert.Equal([0.0, 0, 1, 1, 0, 0], h.ToArray());
        Assert.Throws<ArgumentException>(() => Losses.OneHot<double>(Tensor.FromArray(new long[] { 3 }), 3));
    }
}
