using DeepMath.Optimization.Schedules;
using Xunit;

namespace DeepMath.Tests.Optimization;

/// <summary>Constructor arguments that cannot describe a schedule (PyTorch rejects each of these).</summary>
public class ScheduleArgumentTests
{
    [Theory]
    [InlineData("cosine annealing with period 0")]
    [InlineData("warm restarts with period 0")]
    [InlineData("warm restarts with multiplier 0")]
    [InlineData("one cycle with 0 steps")]
    [InlineData("one cycle with warmup fraction 1.5")]
    [InlineData("plateau with factor 1.5")]
    [InlineData("plateau with negative patience")]
    [InlineData("step decay with step size 0")]
    public void Invalid_arguments_are_rejected(string which)
    {
        Func<LearningRateSchedule> make = which switch
        {
            "cosine annealing with period 0" => () => new CosineAnnealing(0),
            "warm restarts with period 0" => () => new CosineWarmRestarts(0),
            "warm restarts with multiplier 0" => () => new CosineWarmRestarts(10, 0),
            "one cycle with 0 steps" => () => new OneCycle(0),
            "one cycle with warmup fraction 1.5" => () => new OneCycle(100, 1.5),
            "plateau with factor 1.5" => () => new ReduceOnPlateau(factor: 1.5),
            "plateau with negative patience" => () => new ReduceOnPlateau(patience: -1),
            "step decay with step size 0" => () => new StepDecay(0),
            _ => throw new ArgumentException(which),
        };
        Assert.ThrowsAny<ArgumentException>(() => make());
    }

    [Fact]
    public void Cosine_annealing_never_yields_NaN()
    {
        // Either construction rejects the period or the factor is a number; today period 0 gives 0/0.
        double factor;
        try
        {
            factor = new CosineAnnealing(0).FactorAt(0);
        }
        catch (ArgumentException)
        {
            return;
        }
        Assert.False(double.IsNaN(factor));
    }
}
