using DeepMath.Optimization;
using DeepMath.Tests.Support;
using Xunit;
using static DeepMath.Tests.Optimization.OptimizerHarness;

namespace DeepMath.Tests.Optimization;

public class RmsPropTests
{
    /// <summary>torch.optim.RMSprop per element (square_avg, grad_avg when centered, momentum buffer).</summary>
    private static double[] Torch(double[] start, double[][] gradients, double lr, double alpha, double eps, double wd, double mu, bool centered)
    {
        var p = (double[])start.Clone();
        int n = p.Length;
        var sq = new double[n];
        var avg = new double[n];
        var buf = new double[n];
        foreach (var step in gradients)
        {
            for (int i = 0; i < n; i++)
            {
                double g = step[i] + wd * p[i];
                sq[i] = alpha * sq[i] + (1 - alpha) * g * g;
                double denom;
                if (centered)
                {
                    avg[i] = alpha * avg[i] + (1 - alpha) * g;
                    denom = Math.Sqrt(sq[i] - avg[i] * avg[i]) + eps;
                }
                else denom = Math.Sqrt(sq[i]) + eps;
                if (mu > 0)
                {
                    buf[i] = mu * buf[i] + g / denom;
                    p[i] -= lr * buf[i];
                }
                else p[i] -= lr * g / denom;
            }
        }
        return p;
    }

    [Fact]
    public void First_step_by_hand()
    {
        // alpha 0.9, g = 2: s = 0.1 * 4 = 0.4, step = 0.01 * 2 / (sqrt 0.4 + 1e-8).
        var p = Run<double>(ps => new RmsProp<double>(ps, 0.01, alpha: 0.9), [1.0], [[2.0]]);
        Assert.Equal(1 - 0.02 / (Math.Sqrt(0.4) + 1e-8), p[0], 1e-15);
    }

    [Fact]
    public void Centered_first_step_by_hand()
    {
        // s = 0.4, c = 0.2, denominator sqrt(0.4 - 0.04) = 0.6.
        var p = Run<double>(ps => new RmsProp<double>(ps, 0.01, alpha: 0.9, centered: true), [1.0], [[2.0]]);
        Assert.Equal(1 - 0.02 / (0.6 + 1e-8), p[0], 1e-14);
    }

    [Theory]
    [InlineData(0.0, 0.0, false)]
    [InlineData(0.0, 0.9, false)]
    [InlineData(0.0, 0.0, true)]
    [InlineData(0.1, 0.5, true)]
    [InlineData(0.05, 0.5, false)]
    public void Matches_torch_form(double wd, double momentum, bool centered)
    {
        var start = Start(11);
        var grads = Gradients(4, 11);
        var expected = Torch(start, grads, 0.01, 0.9, 1e-8, wd, momentum, centered);
        Reference.AssertClose(expected, Run<double>(ps => new RmsProp<double>(ps, 0.01, 0.9, 1e-8, wd, momentum, centered), start, grads), 1e-12, 1e-13, "double");
        Reference.AssertClose(expected, Run<float>(ps => new RmsProp<float>(ps, 0.01, 0.9, 1e-8, wd, momentum, centered), start, grads), FloatTolerance, FloatTolerance, "float");
    }
}
