using DeepMath.Optimization.Schedules;
using Xunit;

namespace DeepMath.Tests.Optimization;

public class ScheduleCompositionTests
{
    [Fact]
    public void Then_switches_after_the_given_steps_and_restarts_the_count()
    {
        var s = new LinearWarmup(5, 0.2).Then(5, new CosineAnnealing(20, 0.1));
        for (long t = 0; t < 40; t++)
        {
            double expected = t < 5
                ? 0.2 + 0.8 * t / 5
                : 0.1 + 0.9 * (1 + Math.Cos(Math.PI * Math.Min(t - 5, 20) / 20)) / 2;
            Assert.Equal(expected, s.FactorAt(t), 1e-14);
        }
    }

    [Fact]
    public void Chained_then_offsets_accumulate()
    {
        var s = new ConstantSchedule().Then(3, new ExponentialDecay(0.5)).Then(6, new StepDecay(2, 0.1));
        // Outer Then: the first 6 steps come from (constant for 3, then halving), later steps restart at 0 for the step decay.
        double[] expected = [1, 1, 1, 1, 0.5, 0.25, 1, 1, 0.1, 0.1, 0.01, 0.01];
        for (int t = 0; t < expected.Length; t++) Assert.Equal(expected[t], s.FactorAt(t), 1e-15);
    }

    [Fact]
    public void Times_multiplies_factors()
    {
        var s = new StepDecay(3, 0.5).Times(new ExponentialDecay(0.9));
        for (long t = 0; t < 30; t++) Assert.Equal(Math.Pow(0.5, t / 3) * Math.Pow(0.9, t), s.FactorAt(t), 1e-14);
    }

    [Fact]
    public void Metrics_reach_a_plateau_schedule_inside_a_composition()
    {
        var plateau = new ReduceOnPlateau(factor: 0.5, patience: 0);
        var s = new LinearWarmup(2).Times(plateau);
        s.ReportMetric(1);
        s.ReportMetric(1);
        Assert.Equal(0.25, s.FactorAt(1), 1e-15);
        Assert.Equal(0.5, s.FactorAt(10), 1e-15);
    }

    [Fact]
    public void Composed_schedules_checkpoint_the_state_of_their_parts()
    {
        // LearningRateSchedule.GetState is "state beyond the step, for checkpoints"; a composition holding a plateau schedule has such state.
        static LearningRateSchedule Make() => new LinearWarmup(2).Times(new ReduceOnPlateau(factor: 0.5, patience: 0));
        var original = Make();
        original.ReportMetric(1);
        original.ReportMetric(1);
        Assert.Equal(0.5, original.FactorAt(10), 1e-15);
        var resumed = Make();
        resumed.SetState(original.GetState());
        Assert.Equal(original.FactorAt(10), resumed.FactorAt(10));
    }
}
