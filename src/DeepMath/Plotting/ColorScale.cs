using System.Globalization;

namespace DeepMath.Plotting;

/// <summary>Sequential light-to-dark color scale (ColorBrewer "Blues") and text contrast helpers.</summary>
internal static class ColorScale
{
    private static readonly (byte R, byte G, byte B)[] Stops =
    [
        (0xf7, 0xfb, 0xff), (0xde, 0xeb, 0xf7), (0xc6, 0xdb, 0xef), (0x9e, 0xca, 0xe1), (0x6b, 0xae, 0xd6),
        (0x42, 0x92, 0xc6), (0x21, 0x71, 0xb5), (0x08, 0x51, 0x9c), (0x08, 0x30, 0x6b),
    ];

    /// <summary>Fill for cells without a value.</summary>
    public const string MissingColor = "#e0e0e0";

    /// <summary>Number of gradient stops, for drawing the color bar.</summary>
    public static int StopCount => Stops.Length;

    /// <summary>Color at position <paramref name="t"/> in [0, 1] (clamped; NaN gives the missing color).</summary>
    public static string At(double t)
    {
        if (double.IsNaN(t))
        {
            return MissingColor;
        }

        var (r, g, b) = Rgb(t);
        return string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
    }

    /// <summary>
    /// Whether text on the color at <paramref name="t"/> should be white: true when white has more WCAG
    /// contrast than black, i.e. relative luminance below about 0.18.
    /// </summary>
    public static bool NeedsLightText(double t)
    {
        if (double.IsNaN(t))
        {
            return false;
        }

        var (r, g, b) = Rgb(t);
        var luminance = (0.2126 * Linear(r)) + (0.7152 * Linear(g)) + (0.0722 * Linear(b));
        return luminance < 0.179;
    }

    private static (byte R, byte G, byte B) Rgb(double t)
    {
        var pos = Math.Clamp(t, 0, 1) * (Stops.Length - 1);
        var i = Math.Min((int)pos, Stops.Length - 2);
        var f = pos - i;
        var (a, b) = (Stops[i], Stops[i + 1]);
        return (Mix(a.R, b.R, f), Mix(a.G, b.G, f), Mix(a.B, b.B, f));
    }

    private static byte Mix(byte a, byte b, double f) => (byte)Math.Round(a + ((b - a) * f));

    private static double Linear(byte channel)
    {
        var c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
