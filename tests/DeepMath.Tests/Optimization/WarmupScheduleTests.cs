using DeepMath.Optimization.Schedules;
using Xunit;

namespace DeepMath.Tests.Optimization;

public class WarmupScheduleTests
{
    [Fact]
    public void Linear_warmup_by_hand()
    {
        var s = new LinearWarmup(4, 0.25);
        double[] expected = [0.25, 0.4375, 0.625, 0.8125, 1, 1, 1];
        for (int t = 0; t < expected.Length; t++) Assert.Equal(expected[t], s.FactorAt(t), 1e-15);
        Assert.Equal(0.5, new LinearWarmup(10).FactorAt(5), 1e-15);
    }

    /// <summary>torch.optim.lr_scheduler.OneCycleLR (cos annealing, two phases), with max_lr 1.</summary>
    private static double TorchOneCycle(long step, long total, double pct, double div, double finalDiv)
    {
        double initial = 1 / div, min = initial / finalDiv;
        (double End, double From, double To)[] phases = [(pct * total - 1, initial, 1), (total - 1, 1, min)];
        double start = 0;
        for (int i = 0; i < phases.Length; i++)
        {
            var (end, from, to) = phases[i];
            if (step <= end || i == phases.Length - 1)
            {
                double fraction = (step - start) / (end - start);
                return to + (from - to) / 2 * (Math.Cos(Math.PI * fraction) + 1);
            }
            start = end;
        }
        throw new InvalidOperationException();
    }

    [Theory]
    [InlineData(100, 0.3, 25.0, 1e4)]
    [InlineData(101, 0.25, 10.0, 100.0)]
    [InlineData(1000, 0.1, 25.0, 1e4)]
    public void One_cycle_matches_torch(long total, double pct, double div, double finalDiv)
    {
        var s = new OneCycle(total, pct, div, finalDiv);
        for (long t = 0; t < total; t++) Assert.Equal(TorchOneCycle(t, total, pct, div, finalDiv), s.FactorAt(t), 1e-12);
    }

    [Fact]
    public void One_cycle_landmarks()
    {
        var s = new OneCycle(100, 0.3, 25, 1e4);
        Assert.Equal(0.04, s.FactorAt(0), 1e-15);
        Assert.Equal(1.0, s.FactorAt(29), 1e-12);
        Assert.Equal(0.04 / 1e4, s.FactorAt(99), 1e-15);
        // Past the end it stays at the final value.
        Assert.Equal(0.04 / 1e4, s.FactorAt(150), 1e-15);
    }
}
