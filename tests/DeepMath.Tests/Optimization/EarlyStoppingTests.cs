using DeepMath.Optimization;
using Xunit;

namespace DeepMath.Tests.Optimization;

public class EarlyStoppingTests
{
    private static bool[] Feed(EarlyStopping rule, params double[] values) => values.Select((v, i) => rule.Report(i + 1, v)).ToArray();

    [Fact]
    public void Stops_after_patience_epochs_without_improvement()
    {
        var rule = new EarlyStopping(patience: 2);
        Assert.Equal([false, false, false, true], Feed(rule, 1.0, 0.9, 0.95, 0.91));
        Assert.Equal(0.9, rule.Best);
        Assert.Equal(2, rule.BestEpoch);
        Assert.Equal(2, rule.EpochsWithoutImprovement);
    }

    [Fact]
    public void An_improvement_resets_the_count()
    {
        var rule = new EarlyStopping(patience: 2);
        Assert.Equal([false, false, false, false, false, false, true], Feed(rule, 1.0, 1.1, 0.8, 0.85, 0.7, 0.7, 0.75));
        Assert.Equal(5, rule.BestEpoch);
    }

    [Fact]
    public void Changes_within_min_delta_do_not_count()
    {
        var rule = new EarlyStopping(patience: 3, minDelta: 0.05);
        // 0.96 is not below 1 - 0.05; 0.94 is.
        Feed(rule, 1.0, 0.96);
        Assert.Equal(1, rule.EpochsWithoutImprovement);
        Feed(rule, 0.94);
        Assert.Equal(0.94, rule.Best);
        Assert.Equal(0, rule.EpochsWithoutImprovement);
    }

    [Fact]
    public void Maximize_goal_prefers_higher_values()
    {
        var rule = new EarlyStopping(patience: 2, goal: MetricGoal.Maximize);
        Assert.Equal([false, false, false, true], Feed(rule, 0.5, 0.6, 0.6, 0.59));
        Assert.Equal(0.6, rule.Best);
        Assert.Equal(2, rule.BestEpoch);
    }

    [Fact]
    public void NaN_never_becomes_the_best()
    {
        var rule = new EarlyStopping(patience: 5);
        Feed(rule, double.NaN);
        Assert.True(double.IsNaN(rule.Best));
        Assert.Equal(1, rule.EpochsWithoutImprovement);
        Feed(rule, 3.0, double.NaN);
        Assert.Equal(3.0, rule.Best);
        Assert.Equal(1, rule.EpochsWithoutImprovement);
    }

    [Fact]
    public void Restore_continues_where_it_left_off()
    {
        var rule = new EarlyStopping(patience: 3);
        rule.Restore(0.5, 4, 1);
        Assert.False(rule.Report(6, 0.51));
        Assert.Equal(2, rule.EpochsWithoutImprovement);
        Assert.True(rule.Report(7, 0.6));
        Assert.Equal(0.5, rule.Best);
        Assert.Equal(4, rule.BestEpoch);
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        Assert.ThrowsAny<ArgumentException>(() => new EarlyStopping(0));
        Assert.ThrowsAny<ArgumentException>(() => new EarlyStopping(3, minDelta: -0.1));
    }
}
