using System.Globalization;

namespace DeepMath.Plotting;

/// <summary>
/// Axis ticks at "nice" steps (1, 2 or 5 times a power of ten), after Heckbert, "Nice numbers for graph
/// labels" (Graphics Gems, 1990): the smallest such step that needs at most <c>maxTicks</c> ticks.
/// </summary>
internal sealed class NiceScale
{
    private static readonly int[] Mantissas = [1, 2, 5];

    private NiceScale(double min, double max, double step, double[] ticks, string[] labels)
    {
        Min = min;
        Max = max;
        Step = step;
        Ticks = ticks;
        Labels = labels;
    }

    /// <summary>Lower end of the axis.</summary>
    public double Min { get; }

    /// <summary>Upper end of the axis.</summary>
    public double Max { get; }

    /// <summary>Distance between ticks (0 only in the overflow fallback).</summary>
    public double Step { get; }

    /// <summary>Tick positions in data units, ascending.</summary>
    public IReadOnlyList<double> Ticks { get; }

    /// <summary>Tick labels, one per tick, free of floating-point noise.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>A scale covering the finite values; NaN and infinities are skipped, none gives [0, 1].</summary>
    public static NiceScale ForValues(IEnumerable<double> values, int maxTicks = 8)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        return ForRange(min, max, maxTicks);
    }

    /// <summary>
    /// A scale for [<paramref name="min"/>, <paramref name="max"/>]. Loose scales widen the axis to whole
    /// steps; tight ones keep the given ends and place ticks inside them (used for user ranges).
    /// </summary>
    public static NiceScale ForRange(double min, double max, int maxTicks = 8, bool loose = true)
    {
        maxTicks = Math.Max(2, maxTicks);
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = double.IsFinite(min) ? (min, min) : double.IsFinite(max) ? (max, max) : (0, 1);
        }

        if (min > max)
        {
            (min, max) = (max, min);
        }

        // A span lost in rounding noise is a constant: pad it so the line sits mid-axis.
        var magnitude = Math.Max(Math.Abs(min), Math.Abs(max));
        if (magnitude < 1e-290)
        {
            // Subnormal values have no powers of ten left to step by.
            (min, max, magnitude) = (0, 0, 0);
        }

        if (max - min <= magnitude * 1e-9)
        {
            var pad = magnitude == 0 ? 1 : magnitude * 0.1;
            (min, max, loose) = (min - pad, max + pad, true);
        }

        var span = max - min;
        if (!double.IsFinite(span))
        {
            // Beyond ±1e308 no step fits in a double; label the two ends and stop.
            return new NiceScale(min, max, 0, [min, max], [NumberFormat.General(min), NumberFormat.General(max)]);
        }

        var exponent = (int)Math.Floor(Math.Log10(span / maxTicks)) - 1;
        while (true)
        {
            foreach (var mantissa in Mantissas)
            {
                var step = StepValue(mantissa, exponent);
                const double Eps = 1e-9;
                var lo = loose ? Math.Floor((min / step) + Eps) : Math.Ceiling((min / step) - Eps);
                var hi = loose ? Math.Ceiling((max / step) - Eps) : Math.Floor((max / step) + Eps);
                if (hi - lo + 1 <= maxTicks)
                {
                    return Build(min, max, mantissa, exponent, (long)lo, (long)hi, loose);
                }
            }

            exponent++;
        }
    }

    /// <summary>
    /// Widens each end that the data reach by <paramref name="fraction"/> of the span, so lines and
    /// markers clear the frame; the ticks stay where they are.
    /// </summary>
    public NiceScale WithMargins(double dataMin, double dataMax, double fraction = 0.03)
    {
        var span = Max - Min;
        if (!double.IsFinite(span) || span <= 0 || !(dataMin <= dataMax))
        {
            return this;
        }

        var touch = span * 0.01;
        var min = dataMin - Min <= touch ? Min - (span * fraction) : Min;
        var max = Max - dataMax <= touch ? Max + (span * fraction) : Max;
        return new NiceScale(min, max, Step, [.. Ticks], [.. Labels]);
    }

    private static NiceScale Build(double min, double max, int mantissa, int exponent, long lo, long hi, bool loose)
    {
        var count = (int)Math.Max(0, hi - lo + 1);
        var ticks = new double[count];
        for (var i = 0; i < count; i++)
        {
            ticks[i] = StepValue((lo + i) * mantissa, exponent);
        }

        // Decimals come from the step, not from the value, so 0.1 * 3 prints as "0.3".
        var largest = Math.Max(Math.Abs(loose ? ticks[0] : min), Math.Abs(loose ? ticks[^1] : max));
        var scientific = exponent >= 6 || exponent <= -5 || largest >= 1e6;
        var labels = new string[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = scientific ? FormatScientific(ticks[i], exponent) : FormatFixed(ticks[i], exponent);
        }

        var step = StepValue(mantissa, exponent);
        return loose
            ? new NiceScale(ticks[0], ticks[^1], step, ticks, labels)
            : new NiceScale(min, max, step, ticks, labels);
    }

    /// <summary>
    /// multiple * 10^exponent, dividing for negative exponents so 3 * 10^-1 is exactly the double
    /// nearest 0.3 (multiplying by 0.1 would give 0.30000000000000004).
    /// </summary>
    private static double StepValue(long multiple, int exponent) =>
        exponent >= 0 ? multiple * Math.Pow(10, exponent) : multiple / Math.Pow(10, -exponent);

    private static string FormatFixed(double value, int stepExponent)
    {
        var decimals = Math.Clamp(-stepExponent, 0, 15);
        var s = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return s.TrimStart('-').Trim('0', '.').Length == 0 ? s.TrimStart('-') : s;
    }

    private static string FormatScientific(double value, int stepExponent)
    {
        if (value == 0)
        {
            return "0";
        }

        var e = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var digits = Math.Clamp(e - stepExponent, 0, 15);
        var mantissa = Math.Round(value / Math.Pow(10, e), digits, MidpointRounding.AwayFromZero);
        if (Math.Abs(mantissa) >= 10)
        {
            mantissa /= 10;
            e++;
        }

        var m = mantissa.ToString("0.###############", CultureInfo.InvariantCulture);
        return m + "e" + e.ToString(CultureInfo.InvariantCulture);
    }
}
