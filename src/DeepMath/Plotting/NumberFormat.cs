using System.Globalization;

namespace DeepMath.Plotting;

/// <summary>Short, culture-independent number labels for cells and color bars.</summary>
internal static class NumberFormat
{
    /// <summary>Formats a value for a label with about three significant digits (no trailing zeros).</summary>
    public static string General(double value)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "NaN" : value > 0 ? "∞" : "-∞";
        }

        var a = Math.Abs(value);
        if (value == Math.Round(value) && a < 1e6)
        {
            return value.ToString("0", CultureInfo.InvariantCulture);
        }

        if (a >= 1e6 || a < 1e-3)
        {
            return value.ToString("0.##e0", CultureInfo.InvariantCulture);
        }

        var decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(a)), 0, 5);
        var s = Math.Round(value, decimals, MidpointRounding.AwayFromZero)
            .ToString("0.#####", CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }

    /// <summary>A fraction as a percentage with at most one decimal: 0.9731 gives "97.3%".</summary>
    public static string Percent(double fraction)
    {
        if (!double.IsFinite(fraction))
        {
            return General(fraction);
        }

        var s = Math.Round(fraction * 100, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);
        return (s == "-0" ? "0" : s) + "%";
    }
}
