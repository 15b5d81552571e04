using DeepMath.Optimization;
using DeepMath.Tests.Support;
using Xunit;
using static DeepMath.Tests.Optimization.OptimizerHarness;

namespace DeepMath.Tests.Optimization;

public class AdamTests
{
    /// <summary>
    /// Adam in Kingma and Ba's textbook form (m_hat = m / (1 - b1^t), v_hat = v / (1 - b2^t),
    /// p -= lr m_hat / (sqrt(v_hat) + eps)); L2 decay adds wd p to g, decoupled decay first
    /// multiplies p by (1 - lr wd); AMSGrad divides by the running maximum of v.
    /// </summary>
    private static double[] Textbook(double[] start, double[][] gradients, double lr, double b1, double b2, double eps,
        double l2 = 0, double decoupled = 0, bool amsgrad = false)
    {
        var p = (double[])start.Clone();
        int n = p.Length;
        var m = new double[n];
        var v = new double[n];
        var vMax = new double[n];
        for (int t = 1; t <= gradients.Length; t++)
        {
            for (int i = 0; i < n; i++)
            {
                p[i] -= lr * decoupled * p[i];
                double g = gradients[t - 1][i] + l2 * p[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                vMax[i] = Math.Max(vMax[i], v[i]);
                double mHat = m[i] / (1 - Math.Pow(b1, t));
                double vHat = (amsgrad ? vMax[i] : v[i]) / (1 - Math.Pow(b2, t));
                p[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
        }
        return p;
    }

    [Fact]
    public void First_step_moves_by_the_learning_rate_against_the_gradient_sign()
    {
        // After bias correction m_hat = g and v_hat = g^2, so the step is lr g / (|g| + eps).
        var p = Run<double>(ps => new Adam<double>(ps, learningRate: 0.1), [1.0, -2.0], [[0.5, -4.0]]);
        Assert.Equal(1 - 0.1 * 0.5 / (0.5 + 1e-8), p[0], 1e-15);
        Assert.Equal(-2 + 0.1 * 4 / (4 + 1e-8), p[1], 1e-15);
    }

    [Fact]
    public void Three_steps_by_hand()
    {
        // b1 0.9, b2 0.999, lr 0.01, g = 1, 2, 3 on p0 = 0:
        // t=1: m 0.1, v 0.001; t=2: m 0.29, v 0.004999; t=3: m 0.561, v 0.013994001.
        double p = 0, eps = 1e-8;
        p -= 0.01 * (0.1 / 0.1) / (Math.Sqrt(0.001 / 0.001) + eps);
        p -= 0.01 * (0.29 / 0.19) / (Math.Sqrt(0.004999 / 0.001999) + eps);
        p -= 0.01 * (0.561 / 0.271) / (Math.Sqrt(0.013994001 / 0.002997001) + eps);
        var actual = Run<double>(ps => new Adam<double>(ps, 0.01), [0.0], [[1.0], [2.0], [3.0]]);
        Assert.Equal(p, actual[0], 1e-14);
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.1, false)]
    [InlineData(0.0, true)]
    [InlineData(0.05, true)]
    public void Adam_matches_textbook_with_L2_decay(double wd, bool amsgrad)
    {
        var start = Start(37);
        var grads = Gradients(5, 37);
        var expected = Textbook(start, grads, 0.01, 0.8, 0.9, 1e-8, l2: wd, amsgrad: amsgrad);
        Reference.AssertClose(expected, Run<double>(ps => new Adam<double>(ps, 0.01, 0.8, 0.9, 1e-8, wd, amsgrad), start, grads), 1e-12, 1e-13, "double");
        Reference.AssertClose(expected, Run<float>(ps => new Adam<float>(ps, 0.01, 0.8, 0.9, 1e-8, wd, amsgrad), start, grads), FloatTolerance, FloatTolerance, "float");
    }

    [Theory]
    [InlineData(0.01, false)]
    [InlineData(0.2, false)]
    [InlineData(0.2, true)]
    public void AdamW_matches_textbook_with_decoupled_decay(double wd, bool amsgrad)
    {
        var start = Start(37);
        var grads = Gradients(5, 37);
        var expected = Textbook(start, grads, 0.01, 0.9, 0.99, 1e-8, decoupled: wd, amsgrad: amsgrad);
        Reference.AssertClose(expected, Run<double>(ps => new AdamW<double>(ps, 0.01, 0.9, 0.99, 1e-8, wd, amsgrad), start, grads), 1e-12, 1e-13, "double");
        Reference.AssertClose(expected, Run<float>(ps => new AdamW<float>(ps, 0.01, 0.9, 0.99, 1e-8, wd, amsgrad), start, grads), FloatTolerance, FloatTolerance, "float");
    }

    [Fact]
    public void Decoupled_and_L2_decay_differ()
    {
        // With zero gradient, AdamW only shrinks p by (1 - lr wd), while Adam's L2 term becomes the gradient and takes a full Adam step.
        double[][] zeros = [[0.0]];
        Assert.Equal(2 * (1 - 0.1 * 0.5), Run<double>(ps => new AdamW<double>(ps, 0.1, weightDecay: 0.5), [2.0], zeros)[0], 1e-15);
        Assert.Equal(2 - 0.1 * 1 / (1 + 1e-8), Run<double>(ps => new Adam<double>(ps, 0.1, weightDecay: 0.5), [2.0], zeros)[0], 1e-15);
    }

    [Fact]
    public void AmsGrad_keeps_the_largest_second_moment()
    {
        // b2 = 0.5 and shrinking gradients make v fall after step 1, so AMSGrad's denominator differs from Adam's.
        double[][] grads = [[1.0], [0.1], [0.01]];
        var ams = Run<double>(ps => new Adam<double>(ps, 0.1, 0.9, 0.5, 1e-8, amsgrad: true), [0.0], grads);
        var plain = Run<double>(ps => new Adam<double>(ps, 0.1, 0.9, 0.5, 1e-8), [0.0], grads);
        Assert.Equal(Textbook([0.0], grads, 0.1, 0.9, 0.5, 1e-8, amsgrad: true)[0], ams[0], 1e-14);
        Assert.Equal(Textbook([0.0], grads, 0.1, 0.9, 0.5, 1e-8)[0], plain[0], 1e-14);
        Assert.True(Math.Abs(ams[0] - plain[0]) > 1e-3);
    }

    [Fact]
    public void Names_and_defaults()
    {
        var p = Tensor1<double>([1.0]).RequireGrad();
        Assert.Equal("adam", new Adam<double>([p]).Name);
        var w = new AdamW<double>([p]);
        Assert.Equal("adamw", w.Name);
        Assert.Equal(0.01, w.Settings["weight_decay"]);
        Assert.Equal(1e-3, w.Settings["lr"]);
    }

    [Fact]
    public void Bias_correction_counts_each_parameter_own_steps_like_PyTorch()
    {
        // PyTorch keeps state['step'] per parameter; a parameter whose first gradient arrives at the
        // optimizer's second step still gets a first-step update of lr g / (|g| + eps).
        var a = Tensor1<double>([0.0]).RequireGrad();
        var b = Tensor1<double>([0.0]).RequireGrad();
        var adam = new Adam<double>([a, b], 0.1);
        a.Grad = Tensor1<double>([1.0]);
        adam.Step();
        b.Grad = Tensor1<double>([1.0]);
        a.Grad = Tensor1<double>([1.0]);
        adam.Step();
        Assert.Equal(-0.1 / (1 + 1e-8), b.ToArray()[0], 1e-12);
    }
}
