using DeepMath.Optimization;
using DeepMath.Tests.Support;
using Xunit;
using static DeepMath.Tests.Optimization.OptimizerHarness;

namespace DeepMath.Tests.Optimization;

public class AdaGradTests
{
    [Fact]
    public void Three_steps_by_hand()
    {
        // g = 1 each step: G = 1, 2, 3, so p drops by 0.1/1, 0.1/sqrt 2, 0.1/sqrt 3 (eps 1e-10 in the denominator).
        double expected = 1 - 0.1 / (1 + 1e-10) - 0.1 / (Math.Sqrt(2) + 1e-10) - 0.1 / (Math.Sqrt(3) + 1e-10);
        double[][] ones = [[1.0], [1.0], [1.0]];
        Assert.Equal(expected, Run<double>(ps => new AdaGrad<double>(ps, 0.1), [1.0], ones)[0], 1e-15);
        Assert.Equal(expected, Run<float>(ps => new AdaGrad<float>(ps, 0.1), [1.0], ones)[0], 1e-6);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(0.1, 0.0, 0.0)]
    [InlineData(0.0, 0.05, 0.5)]
    [InlineData(0.2, 0.01, 0.1)]
    public void Matches_torch_form(double lrDecay, double wd, double initial)
    {
        var start = Start(9);
        var grads = Gradients(4, 9);
        var p = (double[])start.Clone();
        var sum = Enumerable.Repeat(initial, 9).ToArray();
        for (int t = 1; t <= grads.Length; t++)
        {
            double clr = 0.05 / (1 + (t - 1) * lrDecay);
            for (int i = 0; i < 9; i++)
            {
                double g = grads[t - 1][i] + wd * p[i];
                sum[i] += g * g;
                p[i] -= clr * g / (Math.Sqrt(sum[i]) + 1e-10);
            }
        }
        Reference.AssertClose(p, Run<double>(ps => new AdaGrad<double>(ps, 0.05, lrDecay, wd, initial), start, grads), 1e-13, 1e-13, "double");
        Reference.AssertClose(p, Run<float>(ps => new AdaGrad<float>(ps, 0.05, lrDecay, wd, initial), start, grads), FloatTolerance, FloatTolerance, "float");
    }
}
