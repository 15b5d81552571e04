using DeepMath.Autodiff;
using DeepMath.Neural;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Neural;

/// <summary>MSE, L1 and Huber against per-element values worked out by hand, for every reduction.</summary>
public class RegressionLossTests
{
    // Residuals prediction - target: -0.5, 0, 1, -2.
    private static Tensor<double> Prediction => Tensor.FromArray([1.0, 2, 3, 4], 2, 2);
    private static Tensor<double> Target => Tensor.FromArray([1.5, 2, 2, 6], 2, 2);

    private static void AssertReductions(Func<Tensor<double>, Tensor<double>, LossReduction, Tensor<double>> loss, double[] perElement)
    {
        var none = loss(Prediction, Target, LossReduction.None);
        Assert.Equal([2, 2], none.Shape.ToArray());
        Reference.AssertClose(perElement, none.ToArray(), 1e-15, 1e-15, "none");
        Assert.Equal(perElement.Sum(), loss(Prediction, Target, LossReduction.Sum).ToScalar(), 1e-14);
        Assert.Equal(perElement.Average(), loss(Prediction, Target, LossReduction.Mean).ToScalar(), 1e-14);
    }

    [Fact]
    public void Mean_squared_error() => AssertReductions((p, t, r) => Losses.MeanSquaredError(p, t, r), [0.25, 0, 1, 4]);

    [Fact]
    public void Mean_absolute_error() => AssertReductions((p, t, r) => Losses.L1(p, t, r), [0.5, 0, 1, 2]);

    [Fact]
    public void Huber_with_unit_delta()
        // |r| < 1: r^2 / 2; otherwise |r| - 1/2 (both give 0.5 at |r| = 1).
        => AssertReductions((p, t, r) => Losses.Huber(p, t, 1, r), [0.125, 0, 0.5, 1.5]);

    [Fact]
    public void Huber_with_delta_one_and_a_half()
        // delta 1.5: 2 is in the linear part, 1.5 (2 - 0.75) = 1.875.
        => AssertReductions((p, t, r) => Losses.Huber(p, t, 1.5, r), [0.125, 0, 0.5, 1.875]);

    [Fact]
    public void Gradients_by_hand()
    {
        var p = Prediction.RequireGrad();
        Losses.MeanSquaredError(p, Target).Backward();
        // 2 r / 4
        Assert.Equal([-0.25, 0, 0.5, -1], p.Grad!.ToArray());
        p.ZeroGrad();
        Losses.L1(p, Target, LossReduction.Sum).Backward();
        Assert.Equal([-1.0, 0, 1, -1], p.Grad!.ToArray());
        p.ZeroGrad();
        Losses.Huber(p, Target, 1.5, LossReduction.Sum).Backward();
        // r inside, delta sign(r) outside.
        Assert.Equal([-0.5, 0, 1, -1.5], p.Grad!.ToArray());
    }

    [Fact]
    public void Float_values()
    {
        var p = Tensor.FromArray([0.5f, -1f]);
        var t = Tensor.FromArray([0f, 1f]);
        Assert.Equal((0.25f + 4f) / 2, Losses.MeanSquaredError(p, t).ToScalar(), 1e-6f);
        Assert.Equal(2.5f, Losses.L1(p, t, LossReduction.Sum).ToScalar(), 1e-6f);
        Assert.Equal(0.125f + 1.5f, Losses.Huber(p, t, reduction: LossReduction.Sum).ToScalar(), 1e-6f);
    }

    [Fact]
    public void Huber_delta_must_be_positive()
    {
        Assert.ThrowsAny<ArgumentException>(() => Losses.Huber(Prediction, Target, 0));
        Assert.ThrowsAny<ArgumentException>(() => Losses.Huber(Prediction, Target, double.NaN));
    }
}
