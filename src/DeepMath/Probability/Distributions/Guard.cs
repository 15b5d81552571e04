namespace DeepMath.Probability.Distributions;

/// <summary>Parameter checks that name the distribution, the parameter and the value.</summary>
internal static class Guard
{
    public static double Positive(double value, string parameter, string distribution)
        => value > 0 && double.IsFinite(value) ? value : throw Error(value, parameter, distribution, "a finite number > 0");

    public static double Finite(double value, string parameter, string distribution)
        => double.IsFinite(value) ? value : throw Error(value, parameter, distribution, "a finite number");

    public static double Probability(double value, string parameter, string distribution)
        => value >= 0 && value <= 1 ? value : throw Error(value, parameter, distribution, "a probability in [0, 1]");

    public static double OpenProbability(double value, string parameter, string distribution)
        => value > 0 && value <= 1 ? value : throw Error(value, parameter, distribution, "a probability in (0, 1]");

    public static long Count(long value, string parameter, string distribution)
        => value >= 0 ? value : throw Error(value, parameter, distribution, "a whole number >= 0");

    public static ArgumentOutOfRangeException Error(double value, string parameter, string distribution, string expected)
        => new(parameter, value, $"{distribution}: {parameter} must be {expected}; got {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.");
}
