using Xunit;
using DeepMath.Plotting;

namespace DeepMath.Tests.Plotting;

public class NiceScaleTests
{
    [Theory]
    [InlineData(0.0, 1.0, 0.2)]
    [InlineData(0.0, 10.0, 2.0)]
    [InlineData(1.0, 10.0, 2.0)]
    [InlineData(0.3, 0.9, 0.1)]
    [InlineData(0.8, 0.89, 0.02)]
    [InlineData(-37.0, 112.0, 50.0)]
    [InlineData(-5.0, -1.0, 1.0)]
    [InlineData(0.0, 7.0, 1.0)]
    [InlineData(0.0, 3.0, 0.5)]
    [InlineData(1e-7, 9e-7, 2e-7)]
    [InlineData(1234.0, 98765.0, 20000.0)]
    public void Step_is_one_two_or_five_times_a_power_of_ten_and_ticks_cover_the_data(double min, double max,
        double expectedStep)
    {
        var scale = NiceScale.ForRange(min, max);

        Assert.Equal(expectedStep, scale.Step, expectedStep * 1e-9);
        Assert.InRange(scale.Ticks.Count, 4, 8);
        Assert.True(scale.Min <= min && scale.Max >= max);
        Assert.Equal(scale.Min, scale.Ticks[0]);
        Assert.Equal(scale.Max, scale.Ticks[^1]);
        var mantissa = scale.Step / Math.Pow(10, Math.Floor(Math.Log10(scale.Step) + 1e-9));
        Assert.Contains(Math.Round(mantissa, 6), new[] { 1.0, 2.0, 5.0 });
    }

    [Fact]
    public void Labels_are_free_of_floating_point_noise()
    {
        var scale = NiceScale.ForRange(0.1, 0.7);
        Assert.Equal(["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"], scale.Labels);
        Assert.Equal(0.3, scale.Ticks[2]);
        Assert.Equal(0.7, scale.Ticks[6]);

        var accuracy = NiceScale.ForRange(0.8, 0.89);
        Assert.Equal(["0.80", "0.82", "0.84", "0.86", "0.88", "0.90"], accuracy.Labels);
        Assert.All(NiceScale.ForRange(-0.35, 0.2).Labels, l => Assert.True(l.Length <= 5, l));
    }

    [Fact]
    public void Very_large_and_very_small_magnitudes_use_scientific_notation()
    {
        Assert.Equal(["0", "2e6", "4e6", "6e6", "8e6", "1e7"], NiceScale.ForRange(0, 1e7).Labels);
        Assert.Equal(["1e-5", "1.5e-5", "2e-5", "2.5e-5", "3e-5"], NiceScale.ForRange(1e-5, 3e-5).Labels);
        Assert.Equal(["-1e-7", "0", "1e-7", "2e-7"], NiceScale.ForRange(-1e-7, 2e-7, 6).Labels);
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(1e12)]
    public void Constant_range_is_padded_around_the_value(double value)
    {
        var scale = NiceScale.ForRange(value, value);
        Assert.True(scale.Min < value && scale.Max > value);
        Assert.True(scale.Ticks.Count >= 2);
    }

    [Fact]
    public void Non_finite_values_are_skipped_and_no_values_give_unit_range()
    {
        var scale = NiceScale.ForValues([double.NaN, 2, double.PositiveInfinity, 4, double.NegativeInfinity]);
        Assert.Equal(2, scale.Min);
        Assert.Equal(4, scale.Max);

        var none = NiceScale.ForValues([double.NaN]);
        Assert.Equal(0, none.Min);
        Assert.Equal(1, none.Max);

        var huge = NiceScale.ForRange(-double.MaxValue, double.MaxValue);
        Assert.Equal(2, huge.Ticks.Count);
        _ = NiceScale.ForRange(0, double.Epsilon);
        _ = NiceScale.ForRange(1e9, 1e9 + 1e-7);
    }

    [Fact]
    public void Tight_range_keeps_the_given_ends()
    {
        var scale = NiceScale.ForRange(0.05, 0.95, loose: false);
        Assert.Equal(0.05, scale.Min);
        Assert.Equal(0.95, scale.Max);
        Assert.All(scale.Ticks, t => Assert.InRange(t, 0.05, 0.95));
        Assert.Equal(["0.2", "0.4", "0.6", "0.8"], scale.Labels);
    }

    [Fact]
    public void Reversed_arguments_are_swapped()
    {
        var scale = NiceScale.ForRange(10, 0);
        Assert.Equal(0, scale.Min);
        Assert.Equal(10, scale.Max);
    }
}
