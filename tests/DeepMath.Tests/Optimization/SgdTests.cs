using System.Numerics;
using DeepMath.Optimization;
using DeepMath.Tests.Support;
using Xunit;
using static DeepMath.Tests.Optimization.OptimizerHarness;

namespace DeepMath.Tests.Optimization;

public class SgdTests
{
    /// <summary>torch.optim.SGD written out per element: buf = g on the first step, then mu buf + (1 - dampening) g; Nesterov uses g + mu buf.</summary>
    private static double[] TorchSgd(double[] start, double[][] gradients, double lr, double mu = 0, double dampening = 0, bool nesterov = false, double wd = 0)
    {
        var p = (double[])start.Clone();
        var buf = new double[p.Length];
        for (int t = 0; t < gradients.Length; t++)
        {
            for (int i = 0; i < p.Length; i++)
            {
                double g = gradients[t][i] + wd * p[i];
                if (mu != 0)
                {
                    buf[i] = t == 0 ? g : mu * buf[i] + (1 - dampening) * g;
                    g = nesterov ? g + mu * buf[i] : buf[i];
                }
                p[i] -= lr * g;
            }
        }
        return p;
    }

    [Fact]
    public void Momentum_by_hand_three_steps()
    {
        // p0 = 1, g = 1, lr 0.1, mu 0.9: buffers 1, 1.9, 2.71 give p = 0.9, 0.71, 0.439.
        double[][] ones = [[1.0], [1.0], [1.0]];
        Assert.Equal(0.439, Run<double>(ps => new Sgd<double>(ps, 0.1, momentum: 0.9), [1.0], ones)[0], 1e-14);
        Assert.Equal(0.439, Run<float>(ps => new Sgd<float>(ps, 0.1, momentum: 0.9), [1.0], ones)[0], 1e-6);
    }

    [Fact]
    public void Nesterov_by_hand_three_steps()
    {
        // PyTorch: buf = mu buf + g; g = g + mu buf; p -= lr g. Buffers 1, 1.9, 2.71; steps 1.9, 2.71, 3.439.
        double[][] ones = [[1.0], [1.0], [1.0]];
        Assert.Equal(1 - 0.19 - 0.271 - 0.3439, Run<double>(ps => new Sgd<double>(ps, 0.1, momentum: 0.9, nesterov: true), [1.0], ones)[0], 1e-14);
    }

    [Fact]
    public void Dampening_is_skipped_on_the_first_step()
    {
        // mu 0.9, dampening 0.5: buffers 1, 0.9 + 0.5 = 1.4, 1.26 + 0.5 = 1.76.
        double[][] ones = [[1.0], [1.0], [1.0]];
        Assert.Equal(1 - 0.1 - 0.14 - 0.176, Run<double>(ps => new Sgd<double>(ps, 0.1, momentum: 0.9, dampening: 0.5), [1.0], ones)[0], 1e-14);
    }

    [Fact]
    public void Plain_weight_decay_shrinks_geometrically()
    {
        // With zero gradient, p = p (1 - lr wd) each step.
        double[][] zeros = [[0.0], [0.0], [0.0]];
        Assert.Equal(2 * Math.Pow(0.99, 3), Run<double>(ps => new Sgd<double>(ps, 0.1, weightDecay: 0.1), [2.0], zeros)[0], 1e-14);
    }

    [Theory]
    [InlineData(0.0, 0.0, false, 0.0)]
    [InlineData(0.9, 0.0, false, 0.0)]
    [InlineData(0.9, 0.3, false, 0.05)]
    [InlineData(0.8, 0.0, true, 0.0)]
    [InlineData(0.8, 0.0, true, 0.01)]
    public void Matches_torch_form_in_double_and_float(double mu, double dampening, bool nesterov, double wd)
    {
        // 37 elements so the vectorized body and the scalar tail both run.
        var start = Start(37);
        var grads = Gradients(4, 37);
        var expected = TorchSgd(start, grads, 0.05, mu, dampening, nesterov, wd);
        Reference.AssertClose(expected, Run<double>(ps => new Sgd<double>(ps, 0.05, mu, nesterov, wd, dampening), start, grads), 1e-13, 1e-13, "double");
        Reference.AssertClose(expected, Run<float>(ps => new Sgd<float>(ps, 0.05, mu, nesterov, wd, dampening), start, grads), FloatTolerance, FloatTolerance, "float");
    }

    [Fact]
    public void Heavy_ball_equals_textbook_velocity_form()
    {
        // Sgd.cs: with constant lr, v = mu v - lr g; p = p + v.
        var start = Start(5);
        var grads = Gradients(6, 5);
        var p = (double[])start.Clone();
        var v = new double[5];
        foreach (var g in grads)
            for (int i = 0; i < 5; i++)
            {
                v[i] = 0.7 * v[i] - 0.02 * g[i];
                p[i] += v[i];
            }
        Reference.AssertClose(p, Run<double>(ps => new Sgd<double>(ps, 0.02, momentum: 0.7), start, grads), 1e-13, 1e-13);
    }

    [Fact]
    public void Parameters_without_gradients_are_left_alone()
    {
        var a = Tensor1<double>([1.0, 2]).RequireGrad();
        var b = Tensor1<double>([3.0]).RequireGrad();
        var sgd = new Sgd<double>([a, b], 0.5);
        a.Grad = Tensor1<double>([1.0, -1]);
        sgd.Step();
        Assert.Equal([0.5, 2.5], a.ToArray());
        Assert.Equal([3.0], b.ToArray());
        Assert.Equal(1, sgd.StepCount);
    }

    [Fact]
    public void Names_reflect_the_variant()
    {
        var p = Tensor1<double>([1.0]).RequireGrad();
        Assert.Equal("sgd", new Sgd<double>([p], 0.1).Name);
        Assert.Equal("momentum", new Sgd<double>([p], 0.1, 0.9).Name);
        Assert.Equal("nesterov", new Sgd<double>([p], 0.1, 0.9, nesterov: true).Name);
        Assert.Equal(0.9, new Sgd<double>([p], 0.1, 0.9).Settings["momentum"]);
    }
}
