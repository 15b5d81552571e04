using DeepMath.Autodiff;
using DeepMath.Neural;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Neural;

public class BinaryCrossEntropyTests
{
    private static readonly double[] P = [0.9, 0.2, 0.5, 0.999];
    private static readonly double[] T = [1, 0, 0.3, 0];

    private static double Bce(double p, double t) => -(t * Math.Log(p) + (1 - t) * Math.Log(1 - p));

    [Fact]
    public void From_probabilities_every_reduction()
    {
        var expected = P.Zip(T, Bce).ToArray();
        var p = Tensor.FromArray(P);
        var t = Tensor.FromArray(T);
        Reference.AssertClose(expected, Losses.BinaryCrossEntropy(p, t, LossReduction.None).ToArray(), 1e-14, 1e-15);
        Assert.Equal(expected.Sum(), Losses.BinaryCrossEntropy(p, t, LossReduction.Sum).ToScalar(), 1e-13);
        Assert.Equal(expected.Average(), Losses.BinaryCrossEntropy(p, t).ToScalar(), 1e-13);
    }

    [Fact]
    public void Probability_gradient_is_p_minus_t_over_p_times_one_minus_p()
    {
        var p = Tensor.FromArray(P).RequireGrad();
        Losses.BinaryCrossEntropy(p, Tensor.FromArray(T), LossReduction.Sum).Backward();
        Reference.AssertClose(P.Zip(T, (a, b) => (a - b) / (a * (1 - a))).ToArray(), p.Grad!.ToArray(), 1e-12, 1e-12);
    }

    [Fact]
    public void Certain_probabilities_clamp_the_log_at_minus_100()
    {
        // torch.nn.BCELoss clamps log(p) and log(1 - p) at -100.
        var p = Tensor.FromArray([0.0, 1, 0, 1]);
        var t = Tensor.FromArray([1.0, 0, 0, 1]);
        Assert.Equal([100.0, 100, 0, 0], Losses.BinaryCrossEntropy(p, t, LossReduction.None).ToArray());
    }

    [Fact]
    public void Certain_probabilities_have_finite_gradients_like_PyTorch()
    {
        // torch's BCELoss backward is (p - t) / max(p (1 - p), 1e-12): finite at p = 0 and p = 1.
        var p = Tensor.FromArray([0.0, 1, 0, 1]).RequireGrad();
        Losses.BinaryCrossEntropy(p, Tensor.FromArray([1.0, 0, 0, 1]), LossReduction.Sum).Backward();
        Assert.All(p.Grad!.ToArray(), g => Assert.True(double.IsFinite(g), $"gradient {g}"));
    }

    [Fact]
    public void With_logits_matches_the_sigmoid_form_at_moderate_logits()
    {
        double[] x = [-3, -0.5, 0, 0.7, 4];
        double[] t = [0, 1, 0.5, 0.2, 1];
        var expected = x.Zip(t, (a, b) => Bce(1 / (1 + Math.Exp(-a)), b)).ToArray();
        var logits = Tensor.FromArray(x).RequireGrad();
        var loss = Losses.BinaryCrossEntropyWithLogits(logits, Tensor.FromArray(t), LossReduction.None);
        Reference.AssertClose(expected, loss.ToArray(), 1e-13, 1e-15);
        Assert.Equal(expected.Average(), Losses.BinaryCrossEntropyWithLogits(logits, Tensor.FromArray(t)).ToScalar(), 1e-13);
        Assert.Equal(expected.Sum(), Losses.BinaryCrossEntropyWithLogits(logits, Tensor.FromArray(t), LossReduction.Sum).ToScalar(), 1e-13);
        loss.Sum().Backward();
        Reference.AssertClose(x.Zip(t, (a, b) => 1 / (1 + Math.Exp(-a)) - b).ToArray(), logits.Grad!.ToArray(), 1e-14, 1e-15);
    }

    [Fact]
    public void With_logits_is_exact_at_plus_minus_1000()
    {
        var x = Tensor.FromArray([1000.0, 1000, -1000, -1000]).RequireGrad();
        var t = Tensor.FromArray([1.0, 0, 1, 0]);
        var loss = Losses.BinaryCrossEntropyWithLogits(x, t, LossReduction.None);
        Assert.Equal([0.0, 1000, 1000, 0], loss.ToArray());
        loss.Sum().Backward();
        Assert.Equal([0.0, 1, -1, 0], x.Grad!.ToArray());
    }

    [Fact]
    public void With_logits_is_exact_at_plus_minus_1e4_in_float()
    {
        var x = Tensor.FromArray([1e4f, 1e4f, -1e4f, -1e4f]).RequireGrad();
        var t = Tensor.FromArray([1f, 0f, 1f, 0f]);
        var loss = Losses.BinaryCrossEntropyWithLogits(x, t, LossReduction.Sum);
        Assert.Equal(2e4f, loss.ToScalar());
        loss.Backward();
        Assert.Equal([0f, 1f, -1f, 0f], x.Grad!.ToArray());
    }
}
