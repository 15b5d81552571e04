using DeepMath.Autodiff;
using DeepMath.Calculus;
using DeepMath.Neural;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Neural;

/// <summary>Every loss's backward pass against finite differences (GradCheck, float64), for every reduction.</summary>
public class LossGradCheckTests
{
    public static TheoryData<LossReduction> Reductions => [LossReduction.Mean, LossReduction.Sum, LossReduction.None];

    private static void Check(Func<IReadOnlyList<Tensor<double>>, Tensor<double>> f, params Tensor<double>[] inputs)
    {
        var result = GradCheck.Run(f, inputs, tolerance: 1e-7);
        Assert.True(result.Passed, result.ToString());
    }

    // Residuals at least 0.2 away from 0 and from +-1 (the kinks of L1 and Huber with delta 1).
    private static Tensor<double> Prediction => Tensor.FromArray([0.3, -1.7, 2.5, 0.0, 1.4, -0.6], 2, 3);
    private static Tensor<double> Target => Tensor.FromArray([-0.2, 0.1, 0.0, 0.5, -0.2, 0.9], 2, 3);

    private static Tensor<double> Logits => Tensor.FromArray(new[,] { { 0.3, -1.2, 2.0, 0.1 }, { 1.1, 0.4, -0.5, -2.0 }, { 0.0, 0.2, 0.0, 0.7 } });
    private static readonly Tensor<long> Labels = Tensor.FromArray(new long[] { 2, 0, 3 });
    private static readonly Tensor<double> ClassWeights = Tensor.FromArray([0.5, 1.0, 2.0, 1.5]);

    [Theory]
    [MemberData(nameof(Reductions))]
    public void Mean_squared_error(LossReduction r) => Check(x => Losses.MeanSquaredError(x[0], x[1], r), Prediction, Target);

    [Theory]
    [MemberData(nameof(Reductions))]
    public void Mean_absolute_error(LossReduction r) => Check(x => Losses.L1(x[0], x[1], r), Prediction, Target);

    [Theory]
    [MemberData(nameof(Reductions))]
    public void Huber(LossReduction r) => Check(x => Losses.Huber(x[0], x[1], 1, r), Prediction, Target);

    [Theory]
    [MemberData(nameof(Reductions))]
    public void Binary_cross_entropy(LossReduction r)
        => Check(x => Losses.BinaryCrossEntropy(x[0], x[1], r), Tensor.FromArray([0.2, 0.7, 0.45, 0.9]), Tensor.FromArray([0.0, 1, 0.3, 0.6]));

    [Theory]
    [MemberData(nameof(Reductions))]
    public void Binary_cross_entropy_with_logits(LossReduction r)
    {
        var target = Tensor.FromArray([0.0, 1, 0.3, 0.6]);
        Check(x => Losses.BinaryCrossEntropyWithLogits(x[0], target, r), Tensor.FromArray([-2.0, 0.7, 0.0, 3.1]));
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_differentiates_the_target_like_PyTorch()
    {
        // torch's binary_cross_entropy_with_logits has d/dt = -x; soft targets from another network need it.
        Check(x => Losses.BinaryCrossEntropyWithLogits(x[0], x[1]), Tensor.FromArray([-2.0, 0.7, 0.0, 3.1]), Tensor.FromArray([0.0, 1, 0.3, 0.6]));
    }

    [Theory]
    [InlineData(LossReduction.Mean, false, 0.0)]
    [InlineData(LossReduction.Sum, false, 0.0)]
    [InlineData(LossReduction.None, false, 0.0)]
    [InlineData(LossReduction.Mean, true, 0.2)]
    [InlineData(LossReduction.Sum, true, 0.2)]
    [InlineData(LossReduction.None, true, 0.2)]
    [InlineData(LossReduction.Mean, false, 0.1)]
    public void Cross_entropy(LossReduction r, bool weighted, double smoothing)
        => Check(x => Losses.CrossEntropy(x[0], Labels, weighted ? ClassWeights : null, smoothing, r), Logits);

    [Theory]
    [InlineData(LossReduction.Mean, false, 0.0)]
    [InlineData(LossReduction.Mean, true, 0.2)]
    [InlineData(LossReduction.None, true, 0.2)]
    public void Cross_entropy_gradient_is_differentiable_again(LossReduction r, bool weighted, double smoothing)
        => Check(x =>
        {
            // The gradient built with createGraph goes through the composite (recorded) backward path.
            using var _ = Autograd.EnableGrad();
            var loss = Losses.CrossEntropy(x[0], Labels, weighted ? ClassWeights : null, smoothing, r);
            var seed = r == LossReduction.None ? Tensor.FromArray([1.0, -2, 0.5]) : null;
            return Autograd.Grad(loss, [x[0]], seed, createGraph: true)[0];
        }, Logits);

    [Theory]
    [MemberData(nameof(Reductions))]
    public void Negative_log_likelihood(LossReduction r)
        => Check(x => Losses.NegativeLogLikelihood(x[0].LogSoftmax(1), Labels, ClassWeights, r), Logits);
}
