using DeepMath.Optimization;
using DeepMath.Tests.Support;
using Xunit;
using static DeepMath.Tests.Optimization.OptimizerHarness;

namespace DeepMath.Tests.Optimization;

public class AdadeltaTests
{
    [Fact]
    public void First_step_by_hand()
    {
        // rho 0.9, eps 1e-6, g = 1: s = 0.1, u = sqrt(1e-6) / sqrt(0.1 + 1e-6), p -= u (lr 1).
        var p = Run<double>(ps => new Adadelta<double>(ps), [1.0], [[1.0]]);
        Assert.Equal(1 - Math.Sqrt(1e-6) / Math.Sqrt(0.1 + 1e-6), p[0], 1e-15);
    }

    [Theory]
    [InlineData(1.0, 0.9, 0.0)]
    [InlineData(0.5, 0.95, 0.1)]
    public void Matches_torch_form(double lr, double rho, double wd)
    {
        var start = Start(7);
        var grads = Gradients(4, 7);
        var p = (double[])start.Clone();
        var sq = new double[7];
        var acc = new double[7];
        foreach (var step in grads)
            for (int i = 0; i < 7; i++)
            {
                double g = step[i] + wd * p[i];
                sq[i] = rho * sq[i] + (1 - rho) * g * g;
                double delta = Math.Sqrt(acc[i] + 1e-6) / Math.Sqrt(sq[i] + 1e-6) * g;
                acc[i] = rho * acc[i] + (1 - rho) * delta * delta;
                p[i] -= lr * delta;
            }
        Reference.AssertClose(p, Run<double>(ps => new Adadelta<double>(ps, lr, rho, 1e-6, wd), start, grads), 1e-12, 1e-13, "double");
        Reference.AssertClose(p, Run<float>(ps => new Adadelta<float>(ps, lr, rho, 1e-6, wd), start, grads), FloatTolerance, FloatTolerance, "float");
    }
}
