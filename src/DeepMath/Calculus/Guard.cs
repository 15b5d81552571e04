using System.Globalization;

namespace DeepMath.Calculus;

/// <summary>Argument checks shared by the calculus routines; messages always echo the offending value.</summary>
internal static class Guard
{
    public static void NotNaN(double value, string name)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException($"{name} must not be NaN.", name);
        }
    }

    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{name} must be finite, but was {Format(value)}.", name);
        }
    }

    public static void Tolerance(double value, string name)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentException($"{name} must be a finite non-negative number, but was {Format(value)}.", name);
        }
    }

    public static void PositiveTolerance(double value, string name)
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentException($"{name} must be a finite positive number, but was {Format(value)}.", name);
        }
    }

    public static void AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentException($"{name} must be at least {minimum}, but was {value}.", name);
        }
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
