using DeepMath.Optimization.Schedules;
using Xunit;

namespace DeepMath.Tests.Optimization;

public class CosineScheduleTests
{
    private static double Cosine(double min, double t, double period) => min + (1 - min) * (1 + Math.Cos(Math.PI * t / period)) / 2;

    [Fact]
    public void Cosine_annealing_landmarks()
    {
        var s = new CosineAnnealing(10, 0.1);
        Assert.Equal(1.0, s.FactorAt(0), 1e-15);
        // Half way: the mean of 1 and 0.1.
        Assert.Equal(0.55, s.FactorAt(5), 1e-15);
        Assert.Equal(0.1, s.FactorAt(10), 1e-15);
        // Documented: holds at the minimum after the period.
        Assert.Equal(0.1, s.FactorAt(11), 1e-15);
        Assert.Equal(0.1, s.FactorAt(1000), 1e-15);
    }

    [Theory]
    [InlineData(10, 0.0)]
    [InlineData(7, 0.05)]
    [InlineData(100, 0.5)]
    public void Cosine_annealing_closed_form(long period, double min)
    {
        var s = new CosineAnnealing(period, min);
        for (long t = 0; t <= period; t++) Assert.Equal(Cosine(min, t, period), s.FactorAt(t), 1e-14);
    }

    [Fact]
    public void Warm_restarts_with_constant_period()
    {
        var s = new CosineWarmRestarts(5, 1, 0.2);
        for (long t = 0; t < 40; t++) Assert.Equal(Cosine(0.2, t % 5, 5), s.FactorAt(t), 1e-14);
    }

    [Fact]
    public void Warm_restarts_with_growing_periods_follow_torch_closed_form()
    {
        // torch CosineAnnealingWarmRestarts: n = floor(log_m(t (m - 1) / T0 + 1)), T_cur = t - T0 (m^n - 1) / (m - 1), T_i = T0 m^n.
        const long t0 = 10, m = 2;
        var s = new CosineWarmRestarts(t0, m, 0.1);
        for (long t = 0; t < 160; t++)
        {
            int n = (int)Math.Floor(Math.Log(t * (m - 1.0) / t0 + 1) / Math.Log(m) + 1e-12);
            double tCur = t - t0 * (Math.Pow(m, n) - 1) / (m - 1), tI = t0 * Math.Pow(m, n);
            Assert.Equal(Cosine(0.1, tCur, tI), s.FactorAt(t), 1e-14);
        }
        // Restarts at 10, 30 and 70; just before one the factor is near the minimum.
        Assert.Equal(1.0, s.FactorAt(10), 1e-15);
        Assert.Equal(1.0, s.FactorAt(30), 1e-15);
        Assert.Equal(1.0, s.FactorAt(70), 1e-15);
        Assert.Equal(Cosine(0.1, 19, 20), s.FactorAt(29), 1e-15);
    }
}
