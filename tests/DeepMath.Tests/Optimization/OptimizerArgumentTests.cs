using DeepMath.Optimization;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Optimization;

public class OptimizerArgumentTests
{
    private static Tensor<double>[] P => [Tensor.FromArray([1.0, 2]).RequireGrad()];

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Learning_rates_must_be_finite_and_non_negative(double lr)
    {
        Assert.ThrowsAny<ArgumentException>(() => new Sgd<double>(P, lr));
        Assert.ThrowsAny<ArgumentException>(() => new Adam<double>(P, lr));
        Assert.ThrowsAny<ArgumentException>(() => new AdamW<double>(P, lr));
        Assert.ThrowsAny<ArgumentException>(() => new AdaGrad<double>(P, lr));
        Assert.ThrowsAny<ArgumentException>(() => new RmsProp<double>(P, lr));
        Assert.ThrowsAny<ArgumentException>(() => new Adadelta<double>(P, lr));
    }

    [Fact]
    public void A_zero_learning_rate_is_allowed()
    {
        var p = Tensor.FromArray([1.0]).RequireGrad();
        var sgd = new Sgd<double>([p], 0);
        p.Grad = Tensor.FromArray([5.0]);
        sgd.Step();
        Assert.Equal([1.0], p.ToArray());
    }

    [Fact]
    public void Weight_decay_must_be_non_negative()
    {
        Assert.ThrowsAny<ArgumentException>(() => new Sgd<double>(P, 0.1, weightDecay: -1e-4));
        Assert.ThrowsAny<ArgumentException>(() => new AdamW<double>(P, weightDecay: -0.01));
        Assert.ThrowsAny<ArgumentException>(() => new RmsProp<double>(P, weightDecay: double.NaN));
    }

    [Fact]
    public void Sgd_momentum_and_nesterov_settings_are_checked()
    {
        Assert.ThrowsAny<ArgumentException>(() => new Sgd<double>(P, 0.1, momentum: -0.5));
        Assert.ThrowsAny<ArgumentException>(() => new Sgd<double>(P, 0.1, momentum: 1));
        // Nesterov needs momentum > 0 and no dampening (as in PyTorch).
        Assert.ThrowsAny<ArgumentException>(() => new Sgd<double>(P, 0.1, nesterov: true));
        Assert.ThrowsAny<ArgumentException>(() => new Sgd<double>(P, 0.1, momentum: 0.9, nesterov: true, dampening: 0.1));
    }

    [Fact]
    public void Adam_betas_and_epsilon_are_checked()
    {
        Assert.ThrowsAny<ArgumentException>(() => new Adam<double>(P, beta1: 1));
        Assert.ThrowsAny<ArgumentException>(() => new Adam<double>(P, beta1: -0.1));
        Assert.ThrowsAny<ArgumentException>(() => new Adam<double>(P, beta2: 1));
        Assert.ThrowsAny<ArgumentException>(() => new Adam<double>(P, beta2: double.NaN));
        Assert.ThrowsAny<ArgumentException>(() => new Adam<double>(P, epsilon: 0));
        Assert.ThrowsAny<ArgumentException>(() => new AdamW<double>(P, epsilon: -1e-8));
    }

    [Fact]
    public void RmsProp_and_Adadelta_decays_are_checked()
    {
        Assert.ThrowsAny<ArgumentException>(() => new RmsProp<double>(P, alpha: 1));
        Assert.ThrowsAny<ArgumentException>(() => new RmsProp<double>(P, alpha: -0.1));
        Assert.ThrowsAny<ArgumentException>(() => new Adadelta<double>(P, rho: 1.5));
        Assert.ThrowsAny<ArgumentException>(() => new Adadelta<double>(P, rho: -0.5));
    }

    [Fact]
    public void AdaGrad_rejects_negative_decay_accumulator_and_epsilon_like_PyTorch()
    {
        // A negative initial accumulator makes sqrt(G) NaN on the first step; PyTorch raises for all three.
        Assert.ThrowsAny<ArgumentException>(() => new AdaGrad<double>(P, initialAccumulator: -1));
        Assert.ThrowsAny<ArgumentException>(() => new AdaGrad<double>(P, learningRateDecay: -0.5));
        Assert.ThrowsAny<ArgumentException>(() => new AdaGrad<double>(P, epsilon: -1e-10));
    }

    [Fact]
    public void RmsProp_rejects_negative_momentum_and_epsilon_like_PyTorch()
    {
        // A negative momentum would otherwise be silently treated as no momentum.
        Assert.ThrowsAny<ArgumentException>(() => new RmsProp<double>(P, momentum: -0.9));
        Assert.ThrowsAny<ArgumentException>(() => new RmsProp<double>(P, epsilon: -1e-8));
    }

    [Fact]
    public void Null_arguments_throw()
    {
        Assert.Throws<ArgumentNullException>(() => new Sgd<double>((IEnumerable<Tensor<double>>)null!, 0.1));
        Assert.Throws<ArgumentNullException>(() => new Sgd<double>((IEnumerable<ParameterGroup<double>>)null!, 0.1));
    }
}
