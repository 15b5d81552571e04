using DeepMath.Autodiff;
using DeepMath.Neural;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Neural;

public class NegativeLogLikelihoodTests
{
    // Arbitrary scores: NLL only picks -x[i, y_i] (times w_(y_i)).
    private static Tensor<double> Scores() => Tensor.FromArray(new[,] { { -0.1, -2.0, -3.0 }, { -1.5, -0.4, -2.2 }, { -0.7, -0.9, -1.1 } });

    private static readonly Tensor<long> Labels = Tensor.FromArray(new long[] { 0, 1, 2 });

    [Fact]
    public void Unweighted_every_reduction()
    {
        Assert.Equal([0.1, 0.4, 1.1], Losses.NegativeLogLikelihood(Scores(), Labels, reduction: LossReduction.None).ToArray());
        Assert.Equal(1.6, Losses.NegativeLogLikelihood(Scores(), Labels, reduction: LossReduction.Sum).ToScalar(), 1e-15);
        Assert.Equal(1.6 / 3, Losses.NegativeLogLikelihood(Scores(), Labels).ToScalar(), 1e-15);
    }

    [Fact]
    public void Weighted_mean_divides_by_the_picked_weights()
    {
        var w = Tensor.FromArray([2.0, 0.5, 1]);
        Reference.AssertClose([0.2, 0.2, 1.1], Losses.NegativeLogLikelihood(Scores(), Labels, w, LossReduction.None).ToArray(), 1e-15, 1e-15);
        Assert.Equal(1.5, Losses.NegativeLogLikelihood(Scores(), Labels, w, LossReduction.Sum).ToScalar(), 1e-15);
        // torch: sum(w_y * -x) / sum(w_y) = 1.5 / 3.5.
        Assert.Equal(1.5 / 3.5, Losses.NegativeLogLikelihood(Scores(), Labels, w).ToScalar(), 1e-15);
    }

    [Fact]
    public void Gradient_is_minus_weight_at_the_label()
    {
        var x = Scores().RequireGrad();
        Losses.NegativeLogLikelihood(x, Labels, Tensor.FromArray([2.0, 0.5, 1])).Backward();
        Reference.AssertClose([-2 / 3.5, 0, 0, 0, -0.5 / 3.5, 0, 0, 0, -1 / 3.5], x.Grad!.ToArray(), 1e-15, 1e-15);
    }

    [Fact]
    public void Log_softmax_then_nll_equals_cross_entropy()
    {
        var z = Tensor.FromArray(new[,] { { 1.0, 2, 3 }, { -1.0, 0, 5 }, { 0.0, 0, 0 } });
        var w = Tensor.FromArray([1.0, 3, 0.5]);
        foreach (var r in new[] { LossReduction.Mean, LossReduction.Sum, LossReduction.None })
            Reference.AssertClose(Losses.CrossEntropy(z, Labels, w, reduction: r).ToArray(), Losses.NegativeLogLikelihood(z.LogSoftmax(1), Labels, w, r).ToArray(), 1e-14, 1e-15, r.ToString());
    }
}
