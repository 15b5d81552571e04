using DeepMath.Optimization.Schedules;
using Xunit;

namespace DeepMath.Tests.Optimization;

public class DecayScheduleTests
{
    [Fact]
    public void Constant_is_one()
    {
        var s = new ConstantSchedule();
        Assert.All(new long[] { 0, 1, 1000, long.MaxValue }, t => Assert.Equal(1.0, s.FactorAt(t)));
    }

    [Fact]
    public void Step_decay_multiplies_every_step_size_steps()
    {
        var s = new StepDecay(3, 0.5);
        double factor = 1;
        for (long t = 0; t <= 40; t++)
        {
            if (t > 0 && t % 3 == 0) factor *= 0.5;
            Assert.Equal(factor, s.FactorAt(t), 1e-15);
        }
    }

    [Fact]
    public void Multi_step_decay_by_hand()
    {
        // Milestones 2, 5, 9 (given unsorted): one factor of 0.1 per milestone reached, as torch's MultiStepLR.
        var s = new MultiStepDecay([9, 2, 5], 0.1);
        double[] expected = [1, 1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.01, 0.001, 0.001, 0.001];
        for (int t = 0; t < expected.Length; t++) Assert.Equal(expected[t], s.FactorAt(t), 1e-15);
        Assert.Equal(1.0, new MultiStepDecay([], 0.1).FactorAt(100));
    }

    [Fact]
    public void Exponential_decay_is_repeated_multiplication()
    {
        var s = new ExponentialDecay(0.9);
        double factor = 1;
        for (long t = 0; t <= 100; t++)
        {
            Assert.Equal(factor, s.FactorAt(t), factor * 1e-13);
            factor *= 0.9;
        }
    }

    [Fact]
    public void Pure_schedules_have_no_state()
    {
        Assert.Empty(new StepDecay(3).GetState());
        Assert.Empty(new CosineAnnealing(10).GetState());
    }
}
