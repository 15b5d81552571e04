using DeepMath.Autodiff;
using DeepMath.Calculus;
using DeepMath.LinearAlgebra;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Autodiff;

public class EngineTests
{
    [Fact]
    public void Gradients_accumulate_until_zeroed()
    {
        var x = Tensor.FromArray([1.0, 2]).RequireGrad();
        (x * 3.0).Sum().Backward();
        (x * x).Sum().Backward();
        Assert.Equal([5.0, 7], x.Grad!.ToArray());
        x.ZeroGrad();
        Assert.Null(x.Grad);
    }

    [Fact]
    public void A_tensor_used_twice_receives_both_contributions()
    {
        var x = Tensor.Scalar(3.0).RequireGrad();
        var y = x * x + x.Exp() * x;
        y.Backward();
        Assert.Equal(2 * 3 + Math.Exp(3) * 4, x.Grad!.ToScalar(), 1e-12);
    }

    [Fact]
    public void Nothing_is_recorded_without_gradients_or_inside_no_grad()
    {
        var plain = Tensor.FromArray([1.0, 2]);
        Assert.Null((plain * 2.0).Exp().Creator);
        var x = Tensor.FromArray([1.0, 2]).RequireGrad();
        using (Autograd.NoGrad())
        {
            var y = x * 2.0;
            Assert.Null(y.Creator);
            Assert.False(y.RequiresGrad);
            using (Autograd.EnableGrad()) Assert.NotNull((x * 2.0).Creator);
        }
        Assert.NotNull((x * 2.0).Creator);
        Assert.Null((x.Detach() * 2.0).Creator);
    }

    [Fact]
    public void A_released_graph_gives_a_clear_error_and_retain_graph_allows_a_second_pass()
    {
        var x = Tensor.FromArray([1.0, 2]).RequireGrad();
        var y = (x.Exp() * 2.0).Sum();
        y.Backward(retainGraph: true);
        y.Backward();
        DeepMath.Tests.Support.Reference.AssertClose(x.ToArray().Select(v => 4 * Math.Exp(v)).ToArray(), x.Grad!.ToArray(), 1e-15, 0);
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("retainGraph", e.Message);
    }

    [Fact]
    public void Bad_backward_calls_are_explained()
    {
        var x = Tensor.FromArray([1.0, 2]).RequireGrad();
        var y = x * 2.0;
        Assert.Contains("(2,)", Assert.Throws<ArgumentException>(() => y.Backward()).Message);
        Assert.Contains("(3,)", Assert.Throws<ArgumentException>(() => y.Backward(Tensor.Ones<double>(3))).Message);
        Assert.Contains("RequiresGrad", Assert.Throws<InvalidOperationException>(() => Tensor.Ones<double>(2).Sum().Backward()).Message);
        Assert.Throws<InvalidOperationException>(() => x.AddInPlace(Tensor.Ones<double>(2)));
        using (Autograd.NoGrad()) x.AddInPlace(Tensor.Ones<double>(2));
        Assert.Equal([2.0, 3], x.ToArray());
        y.Backward(Tensor.FromArray([1.0, 10]));
        Assert.Equal([2.0, 20], x.Grad!.ToArray());
        var unused = Tensor.Zeros<double>(2).RequireGrad();
        Assert.Throws<InvalidOperationException>(() => Autograd.Grad((x * 2.0).Sum(), [unused]));
        Assert.Equal([0.0, 0], Autograd.Grad((x * 2.0).Sum(), [unused], allowUnused: true)[0].ToArray());
    }

    [Fact]
    public void Documented_subgradients_at_kinks()
    {
        var x = Tensor.FromArray([-1.0, 0, 2]).RequireGrad();
        x.Relu().Sum().Backward();
        Assert.Equal([0.0, 0, 1], x.Grad!.ToArray());
        x.ZeroGrad();
        x.Abs().Sum().Backward();
        Assert.Equal([-1.0, 0, 1], x.Grad!.ToArray());
        var s = Tensor.Scalar(0.0).RequireGrad();
        s.Sqrt().Backward();
        Assert.Equal(double.PositiveInfinity, s.Grad!.ToScalar());
        var ties = Tensor.FromArray([3.0, 1, 3]).RequireGrad();
        ties.Max().Backward();
        Assert.Equal([0.5, 0, 0.5], ties.Grad!.ToArray());
        var a = Tensor.FromArray([2.0, 5]).RequireGrad();
        var b = Tensor.FromArray([2.0, 1]).RequireGrad();
        Tensor.Maximum(a, b).Sum().Backward();
        Assert.Equal([0.5, 1], a.Grad!.ToArray());
        Assert.Equal([0.5, 0], b.Grad!.ToArray());
        var c = Tensor.FromArray([-2.0, -1, 0.5, 1, 3]).RequireGrad();
        c.Clamp(-1, 1).Sum().Backward();
        Assert.Equal([0.0, 1, 1, 1, 0], c.Grad!.ToArray());
    }

    [Fact]
    public void Losses_at_extreme_logits_have_finite_exact_gradients()
    {
        var logits = Tensor.FromArray([1000.0, -1000, 0], 1, 3).RequireGrad();
        var loss = -logits.LogSoftmax(1)[.., 1..2].Sum();
        loss.Backward();
        Assert.Equal(2000.0, loss.ToScalar());
        Assert.Equal([1.0, -1, 0], logits.Grad!.ToArray());
        var z = Tensor.FromArray([-1000f, 1000f]).RequireGrad();
        z.Sigmoid().Sum().Backward();
        Assert.Equal([0f, 0f], z.Grad!.ToArray());
    }

    [Fact]
    public void Float32_graphs_work_too()
    {
        var w = Tensor.Normal<float>([3, 2], 0f, 1f, 1).RequireGrad();
        var x = Tensor.Normal<float>([4, 3], 0f, 1f, 2);
        var loss = x.MatMul(w).Tanh().Square().Mean();
        loss.Backward();
        var expected = Autograd.Grad(x.Cast<double>().MatMul(w.Detach().Cast<double>().RequireGrad()).Tanh().Square().Mean(), [], allowUnused: true);
        Assert.Empty(expected);
        Assert.Equal([3, 2], w.Grad!.Shape.ToArray());
        var wd = w.Detach().Cast<double>().RequireGrad();
        x.Cast<double>().MatMul(wd).Tanh().Square().Mean().Backward();
        Assert.True(Tensor.AllClose(wd.Grad!.Cast<float>(), w.Grad, 1e-4, 1e-6));
    }

    [Fact]
    public void Deep_chains_do_not_overflow_the_stack()
    {
        var x = Tensor.Scalar(1.0).RequireGrad();
        var y = x;
        for (int i = 0; i < 20_000; i++) y = y * 1.0;
        y.Backward();
        Assert.Equal(1.0, x.Grad!.ToScalar());
    }

    /// <summary>A custom operation defined the documented way, checked the documented way.</summary>
    private sealed class Cube : CustomFunction<double>
    {
        public Tensor<double> Apply(Tensor<double> x)
        {
            var result = x.Detach() * x.Detach() * x.Detach();
            return Record(result, x);
        }

        public override Tensor<double>?[] Backward(Tensor<double> output, Tensor<double> outputGradient, IReadOnlyList<Tensor<double>> inputs, IReadOnlyList<bool> needsGradient)
            => [outputGradient * inputs[0].Square() * 3.0];
    }

    [Fact]
    public void Custom_functions_plug_into_the_engine_to_any_order()
    {
        var cube = new Cube();
        var check = GradCheck.Run(x => cube.Apply(x[0]).Sin(), [Tensor.Uniform<double>([3, 2], -1, 1, 9)]);
        Assert.True(check.Passed, check.ToString());
        var second = Derivatives.Grad(Derivatives.Grad<double>(x => cube.Apply(x).Sum()));
        Assert.Equal(6 * 1.5, second(Tensor.Scalar(1.5)).ToScalar(), 1e-12);
    }
}
