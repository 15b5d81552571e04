namespace DeepMath.Plotting;

/// <summary>How a series is drawn.</summary>
internal enum SeriesKind
{
    /// <summary>Connected line; markers too when the series is short.</summary>
    Line,

    /// <summary>Markers only.</summary>
    Points,

    /// <summary>Points joined by a line with arrow heads showing the direction of travel.</summary>
    Path,
}

/// <summary>A validated, privately copied data series.</summary>
internal sealed record Series(string Name, double[] X, double[] Y, string Color, SeriesKind Kind, int Shape)
{
    /// <summary>Series up to this length get a marker on every point.</summary>
    public const int MarkerThreshold = 30;

    /// <summary>Whether every point gets a marker.</summary>
    public bool ShowsMarkers => Kind != SeriesKind.Line || X.Length <= MarkerThreshold;

    /// <summary>
    /// Validates and copies the input so later changes by the caller cannot alter the chart.
    /// </summary>
    public static Series Create(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color,
        SeriesKind kind, int index)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException(
                $"Series '{name}': x has {x.Count} values but y has {y.Count}; the lengths must match.", nameof(y));
        }

        if (color is not null && !IsPlausibleColor(color))
        {
            throw new ArgumentException(
                $"'{color}' is not an SVG color: use a name, #rgb, #rrggbb or rgb(r, g, b).", nameof(color));
        }

        var resolved = string.IsNullOrWhiteSpace(color) ? Palette.At(index) : color;
        return new Series(name, [.. x], [.. y], resolved, kind, index);
    }

    /// <summary>
    /// Whether <paramref name="color"/> could be an SVG color: a name, hex or functional notation. It is
    /// a cheap guard that catches typos and stray markup, not a full CSS parser.
    /// </summary>
    public static bool IsPlausibleColor(string color) =>
        color.Length <= 64 && color.All(c => char.IsAsciiLetterOrDigit(c) || c is '#' or '(' or ')' or ',' or '.' or '%' or ' ');

    /// <summary>1, 2, ..., n: the x values of a series given only its y values.</summary>
    public static double[] Positions(int count)
    {
        var x = new double[count];
        for (var i = 0; i < count; i++)
        {
            x[i] = i + 1;
        }

        return x;
    }

    /// <summary>
    /// Maximal runs of consecutive points whose x and y are both finite; a NaN or infinity ends a run,
    /// which is how gaps appear in a line.
    /// </summary>
    public IEnumerable<(int Start, int Count)> FiniteRuns()
    {
        var start = -1;
        for (var i = 0; i <= X.Length; i++)
        {
            var finite = i < X.Length && double.IsFinite(X[i]) && double.IsFinite(Y[i]);
            if (finite && start < 0)
            {
                start = i;
            }
            else if (!finite && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }
}
