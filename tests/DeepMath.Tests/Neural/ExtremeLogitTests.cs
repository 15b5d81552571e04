using DeepMath.Autodiff;
using DeepMath.Neural;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Neural;

/// <summary>Cross-entropy at logits so large that a naive softmax overflows: exact finite values and gradients softmax - onehot.</summary>
public class ExtremeLogitTests
{
    [Theory]
    [InlineData(1000.0)]
    [InlineData(1e4)]
    public void Two_classes_double(double big)
    {
        var z = Tensor.FromArray(new[,] { { big, -big }, { big, -big } }).RequireGrad();
        var loss = Losses.CrossEntropy(z, Tensor.FromArray(new long[] { 0, 1 }), reduction: LossReduction.None);
        // Label 0: log(1 + e^(-2 big)) = 0; label 1: 2 big.
        Assert.Equal([0.0, 2 * big], loss.ToArray());
        loss.Sum().Backward();
        // softmax = (1, 0): row 0 minus (1, 0), row 1 minus (0, 1).
        Assert.Equal([0.0, 0, 1, -1], z.Grad!.ToArray());
    }

    [Theory]
    [InlineData(1000f)]
    [InlineData(1e4f)]
    public void Two_classes_float(float big)
    {
        var z = Tensor.FromArray(new[,] { { big, -big }, { -big, big } }).RequireGrad();
        var labels = Tensor.FromArray(new long[] { 1, 1 });
        var loss = Losses.CrossEntropy(z, labels);
        Assert.Equal(big, loss.ToScalar());
        loss.Backward();
        Assert.Equal([0.5f, -0.5f, 0f, 0f], z.Grad!.ToArray());
    }

    [Fact]
    public void Three_classes_with_weights_and_smoothing_stay_finite_and_exact()
    {
        var z = Tensor.FromArray(new[,] { { 1000.0, -1000, 0 } }).RequireGrad();
        var w = Tensor.FromArray([1.0, 2, 3]);
        var loss = Losses.CrossEntropy(z, Tensor.FromArray(new long[] { 1 }), w, labelSmoothing: 0.3, reduction: LossReduction.Sum);
        // -log p = (0, 2000, 1000); 0.7 * 2 * 2000 + 0.1 * (0 + 2 * 2000 + 3 * 1000).
        Assert.Equal(2800 + 700, loss.ToScalar(), 1e-9);
        loss.Backward();
        // p = (1, 0, 0): 0.7 * 2 * (p - e_1) + 0.1 * (6 p - w).
        double[] expected = [1.4 * 1 + 0.1 * (6 - 1), 1.4 * -1 + 0.1 * -2, 0.1 * -3];
        var g = z.Grad!.ToArray();
        for (int k = 0; k < 3; k++) Assert.Equal(expected[k], g[k], 1e-12);
    }

    [Fact]
    public void Extreme_rows_mixed_with_ordinary_rows()
    {
        var z = Tensor.FromArray(new[,] { { -1e4, 1e4, 0 }, { 0.0, 0, 0 } }).RequireGrad();
        var loss = Losses.CrossEntropy(z, Tensor.FromArray(new long[] { 2, 0 }), reduction: LossReduction.Sum);
        Assert.Equal(1e4 + Math.Log(3), loss.ToScalar(), 1e-9);
        loss.Backward();
        DeepMath.Tests.Support.Reference.AssertClose([0.0, 1, -1, 1.0 / 3 - 1, 1.0 / 3, 1.0 / 3], z.Grad!.ToArray(), 1e-15, 1e-15);
    }

    [Fact]
    public void Double_backward_path_is_also_exact_at_extreme_logits()
    {
        var z = Tensor.FromArray(new[,] { { 1000.0, -1000 } }).RequireGrad();
        var g = Autograd.Grad(Losses.CrossEntropy(z, Tensor.FromArray(new long[] { 1 })), [z], createGraph: true)[0];
        Assert.Equal([1.0, -1], g.ToArray());
    }
}
