using DeepMath.Optimization;
using DeepMath.Tensors;
using Xunit;
using static DeepMath.Tests.Optimization.OptimizerHarness;

namespace DeepMath.Tests.Optimization;

public class ParameterGroupTests
{
    [Fact]
    public void Each_group_uses_its_own_learning_rate_and_weight_decay()
    {
        var a = Tensor1<double>([1.0, 2]).RequireGrad();
        var b = Tensor1<double>([4.0]).RequireGrad();
        var c = Tensor1<double>([8.0]).RequireGrad();
        var sgd = new Sgd<double>(
            [new ParameterGroup<double>([a]), new ParameterGroup<double>([b], learningRate: 0.01, weightDecay: 0.5), new ParameterGroup<double>([c], weightDecay: 0.25)],
            learningRate: 0.1, weightDecay: 0);
        a.Grad = Tensor1<double>([1.0, 1]);
        b.Grad = Tensor1<double>([1.0]);
        c.Grad = Tensor1<double>([1.0]);
        sgd.Step();
        Assert.Equal([0.9, 1.9], a.ToArray());
        // b: lr 0.01, d = 1 + 0.5 * 4 = 3.
        Assert.Equal(4 - 0.03, b.ToArray()[0], 1e-15);
        // c: default lr 0.1, own decay: d = 1 + 0.25 * 8 = 3.
        Assert.Equal(8 - 0.3, c.ToArray()[0], 1e-15);
        Assert.Equal([0.1, 0.01, 0.1], sgd.Groups.Select(g => g.BaseLearningRate));
        Assert.Equal([0.0, 0.5, 0.25], sgd.Groups.Select(g => g.WeightDecay));
    }

    [Fact]
    public void AdamW_groups_decay_independently()
    {
        var decayed = Tensor1<float>([2.0]).RequireGrad();
        var exempt = Tensor1<float>([2.0]).RequireGrad();
        var adamw = new AdamW<float>([new ParameterGroup<float>([decayed]), new ParameterGroup<float>([exempt], weightDecay: 0)], learningRate: 0.1, weightDecay: 0.5);
        decayed.Grad = Tensor1<float>([0.0]);
        exempt.Grad = Tensor1<float>([0.0]);
        adamw.Step();
        // Zero gradient: the decayed parameter shrinks by 1 - 0.1 * 0.5, the exempt one is unchanged (m = 0).
        Assert.Equal(1.9f, decayed.ToArray()[0], 1e-6f);
        Assert.Equal(2f, exempt.ToArray()[0]);
    }

    [Fact]
    public void Scaling_learning_rates_scales_every_group_from_its_base()
    {
        var a = Tensor1<double>([1.0]).RequireGrad();
        var b = Tensor1<double>([1.0]).RequireGrad();
        var sgd = new Sgd<double>([new ParameterGroup<double>([a]), new ParameterGroup<double>([b], learningRate: 0.02)], 0.2);
        sgd.ScaleLearningRates(0.5);
        sgd.ScaleLearningRates(0.5);
        // Not compounded: each call sets base * factor.
        Assert.Equal([0.1, 0.01], sgd.Groups.Select(g => g.LearningRate));
        Assert.Equal([0.2, 0.02], sgd.Groups.Select(g => g.BaseLearningRate));
        a.Grad = Tensor1<double>([1.0]);
        b.Grad = Tensor1<double>([1.0]);
        sgd.Step();
        Assert.Equal(0.9, a.ToArray()[0], 1e-15);
        Assert.Equal(0.99, b.ToArray()[0], 1e-15);
        Assert.Equal(0.2, sgd.Settings["lr"]);
    }

    [Fact]
    public void Group_learning_rate_can_be_set_directly()
    {
        var a = Tensor1<double>([1.0]).RequireGrad();
        var sgd = new Sgd<double>([a], 0.1);
        sgd.Groups[0].LearningRate = 0.3;
        a.Grad = Tensor1<double>([1.0]);
        sgd.Step();
        Assert.Equal(0.7, a.ToArray()[0], 1e-15);
    }

    [Fact]
    public void A_parameter_in_two_groups_is_rejected()
    {
        var a = Tensor1<double>([1.0, 2]).RequireGrad();
        var e = Assert.Throws<ArgumentException>(() => new Sgd<double>([new ParameterGroup<double>([a]), new ParameterGroup<double>([a])], 0.1));
        Assert.Contains("(2,)", e.Message);
        Assert.Throws<ArgumentException>(() => new Adam<double>([a, a]));
    }

    [Fact]
    public void Non_leaf_parameters_and_empty_group_lists_are_rejected()
    {
        var a = Tensor1<double>([1.0]).RequireGrad();
        Assert.Throws<ArgumentException>(() => new ParameterGroup<double>([a * 2.0]));
        Assert.Throws<ArgumentException>(() => new Sgd<double>(Array.Empty<ParameterGroup<double>>(), 0.1));
        Assert.Throws<ArgumentNullException>(() => new ParameterGroup<double>([null!]));
    }

    [Fact]
    public void Non_contiguous_parameters_cannot_be_stepped()
    {
        var m = Tensor.FromArray([1.0, 2, 3, 4], 2, 2).Transpose().RequireGrad();
        var sgd = new Sgd<double>([m], 0.1);
        m.Grad = Tensor.Ones<double>(2, 2);
        Assert.Throws<InvalidOperationException>(sgd.Step);
    }
}
