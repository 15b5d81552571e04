using DeepMath.Optimization;
using DeepMath.Optimization.Schedules;
using Xunit;

namespace DeepMath.Tests.Optimization;

public class ReduceOnPlateauTests
{
    private static double[] Factors(LearningRateSchedule s, params double[] metrics)
        => metrics.Select(m =>
        {
            s.ReportMetric(m);
            return s.FactorAt(0);
        }).ToArray();

    [Fact]
    public void Reduces_after_more_than_patience_bad_reports()
    {
        // torch ReduceLROnPlateau(patience=2): the third report without improvement reduces.
        var s = new ReduceOnPlateau(factor: 0.5, patience: 2);
        Assert.Equal([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25], Factors(s, 10, 9, 9, 9, 9, 8, 8, 8, 8));
    }

    [Fact]
    public void Cooldown_suspends_counting()
    {
        var s = new ReduceOnPlateau(factor: 0.5, patience: 2, cooldown: 2);
        Assert.Equal([1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25], Factors(s, 5, 5, 5, 5, 5, 5, 5, 5, 5));
    }

    [Fact]
    public void Never_goes_below_the_minimum()
    {
        var s = new ReduceOnPlateau(factor: 0.1, patience: 0, minFactor: 0.05);
        Assert.Equal([1, 0.1, 0.05, 0.05], Factors(s, 1, 1, 1, 1));
    }

    [Fact]
    public void Threshold_is_relative()
    {
        // With threshold 0.1 and best 10, only values below 9 improve.
        var s = new ReduceOnPlateau(factor: 0.5, patience: 1, threshold: 0.1);
        Assert.Equal([1, 1, 0.5, 0.5], Factors(s, 10, 9.5, 9.2, 8.9));
        Assert.Equal(8.9, s.GetState()["best"]);
    }

    [Fact]
    public void Maximize_goal()
    {
        var s = new ReduceOnPlateau(MetricGoal.Maximize, factor: 0.5, patience: 1, threshold: 0);
        Assert.Equal([1, 1, 1, 0.5, 0.5, 0.5], Factors(s, 0.5, 0.6, 0.6, 0.55, 0.7, 0.7));
    }

    [Fact]
    public void State_round_trip_mid_cooldown()
    {
        var original = new ReduceOnPlateau(factor: 0.5, patience: 1, cooldown: 3);
        Factors(original, 3, 3, 3, 2.9);
        var restored = new ReduceOnPlateau(factor: 0.5, patience: 1, cooldown: 3);
        restored.SetState(original.GetState());
        double[] rest = [2.95, 2.95, 2.95, 2.95, 2.95, 2.95, 2.8, 2.9, 2.9];
        Assert.Equal(Factors(original, rest), Factors(restored, rest));
        Assert.Equal(0.125, original.FactorAt(0));
    }
}
