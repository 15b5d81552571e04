namespace DeepMath.Plotting;

/// <summary>Default series colors: the Okabe-Ito palette, distinguishable under common color blindness.</summary>
internal static class Palette
{
    // Reordered so the first colors have the most contrast on white; yellow, the faintest, comes last.
    private static readonly string[] Colors =
    [
        "#0072B2", // blue
        "#D55E00", // vermillion
        "#009E73", // bluish green
        "#CC79A7", // reddish purple
        "#E69F00", // orange
        "#56B4E9", // sky blue
        "#000000", // black
        "#F0E442", // yellow
    ];

    /// <summary>Color for the series at <paramref name="index"/>, cycling through the palette.</summary>
    public static string At(int index) => Colors[index % Colors.Length];
}
