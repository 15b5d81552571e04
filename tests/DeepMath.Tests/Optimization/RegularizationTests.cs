using DeepMath.Autodiff;
using DeepMath.Optimization;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Optimization;

public class RegularizationTests
{
    private static Tensor<double>[] Params() => [Tensor.FromArray([1.0, -2, 0]).RequireGrad(), Tensor.FromArray([3.0], 1, 1).RequireGrad()];

    [Fact]
    public void L2_is_half_lambda_times_the_sum_of_squares_with_gradient_lambda_p()
    {
        var ps = Params();
        var penalty = Regularization.L2(ps, 0.5);
        // 0.25 * (1 + 4 + 0 + 9)
        Assert.Equal(3.5, penalty.ToScalar(), 1e-15);
        penalty.Backward();
        Assert.Equal([0.5, -1, 0], ps[0].Grad!.ToArray());
        Assert.Equal([1.5], ps[1].Grad!.ToArray());
    }

    [Fact]
    public void L1_is_lambda_times_the_sum_of_absolute_values_with_zero_subgradient_at_zero()
    {
        var ps = Params();
        var penalty = Regularization.L1(ps, 0.5);
        Assert.Equal(3.0, penalty.ToScalar(), 1e-15);
        penalty.Backward();
        Assert.Equal([0.5, -0.5, 0], ps[0].Grad!.ToArray());
        Assert.Equal([0.5], ps[1].Grad!.ToArray());
    }

    [Fact]
    public void Elastic_net_adds_both()
    {
        var ps = Params();
        var penalty = Regularization.ElasticNet(ps, l1: 0.3, l2: 0.2);
        // 0.3 * 6 + 0.1 * 14
        Assert.Equal(3.2, penalty.ToScalar(), 1e-14);
        penalty.Backward();
        Assert.Equal([0.3 + 0.2, -0.3 - 0.4, 0], ps[0].Grad!.ToArray().Select(v => Math.Round(v, 14)));
        Assert.Equal(0.3 + 0.6, ps[1].Grad!.ToArray()[0], 1e-15);
    }

    [Fact]
    public void Float_penalties_and_empty_lists()
    {
        var p = Tensor.FromArray([1f, -2f]).RequireGrad();
        Assert.Equal(2.5f, Regularization.L2([p], 1.0).ToScalar());
        Assert.Equal(0.3f, Regularization.L1([p], 0.1).ToScalar(), 1e-6f);
        Assert.Equal(0.0, Regularization.L2(Array.Empty<Tensor<double>>(), 1.0).ToScalar());
        Assert.Equal(0.0, Regularization.ElasticNet(Array.Empty<Tensor<double>>(), 1.0, 1.0).ToScalar());
    }

    [Fact]
    public void L2_penalty_gradient_equals_sgd_coupled_weight_decay()
    {
        // Sgd's weight decay adds wd p to the gradient, the gradient of L2 with lambda = wd.
        var a = Tensor.FromArray([1.5, -0.5]).RequireGrad();
        var b = Tensor.FromArray([1.5, -0.5]).RequireGrad();
        var withDecay = new Sgd<double>([a], 0.1, weightDecay: 0.2);
        var withPenalty = new Sgd<double>([b], 0.1);
        a.Grad = Tensor.FromArray([0.3, 0.7]);
        (Regularization.L2([b], 0.2) + (b * Tensor.FromArray([0.3, 0.7])).Sum()).Backward();
        withDecay.Step();
        withPenalty.Step();
        Assert.Equal(a.ToArray(), b.ToArray());
    }
}
