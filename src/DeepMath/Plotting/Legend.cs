namespace DeepMath.Plotting;

/// <summary>Legend box: a line or marker sample and the name of each named series.</summary>
internal sealed class Legend
{
    public const double FontSize = 12;
    private const double Padding = 8;
    private const double RowHeight = 18;
    private const double SampleWidth = 26;
    private const double MaxNameWidth = 220;
    private const double Inset = 8;

    private readonly List<(Series Series, string Label)> _entries = [];

    /// <summary>Collects the series that have names; unnamed series stay out of the legend.</summary>
    public Legend(IEnumerable<Series> series)
    {
        foreach (var s in series)
        {
            if (!string.IsNullOrWhiteSpace(s.Name))
            {
                _entries.Add((s, TextMetrics.Truncate(s.Name, MaxNameWidth, FontSize)));
            }
        }

        var nameWidth = TextMetrics.MaxWidth(_entries.Select(e => e.Label), FontSize);
        Width = (2 * Padding) + SampleWidth + 6 + nameWidth;
        Height = (2 * Padding) + (_entries.Count * RowHeight) - 4;
    }

    /// <summary>Whether there is nothing to show.</summary>
    public bool IsEmpty => _entries.Count == 0;

    /// <summary>Box width in pixels.</summary>
    public double Width { get; }

    /// <summary>Box height in pixels.</summary>
    public double Height { get; }

    /// <summary>
    /// The first plot corner (top-right, top-left, bottom-right, bottom-left) where the box covers no
    /// line or marker, or null when every corner would hide data.
    /// </summary>
    public PixelRect? FindFreeCorner(PixelRect plot, IReadOnlyList<(Series Series, List<(double X, double Y)[]> Runs)> data)
    {
        if (Width > plot.Width * 0.5 || Height > plot.Height - (2 * Inset))
        {
            return null;
        }

        double left = plot.Left + Inset, right = plot.Right - Inset - Width;
        double top = plot.Top + Inset, bottom = plot.Bottom - Inset - Height;
        PixelRect[] corners =
        [
            new(right, top, Width, Height), new(left, top, Width, Height),
            new(right, bottom, Width, Height), new(left, bottom, Width, Height),
        ];
        foreach (var corner in corners)
        {
            if (!Covers(corner.Inflate(4), data))
            {
                return corner;
            }
        }

        return null;
    }

    /// <summary>Draws the box with its top-left corner at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public void Draw(SvgWriter svg, double left, double top)
    {
        svg.BeginGroup("legend");
        svg.Rect(left, top, Width, Height, "#ffffff", "#bbbbbb", 1, "legend-box", rx: 3);
        for (var i = 0; i < _entries.Count; i++)
        {
            var (series, label) = _entries[i];
            var cy = top + Padding + (i * RowHeight) + (RowHeight / 2) - 2;
            var x0 = left + Padding;
            if (series.Kind != SeriesKind.Points)
            {
                svg.Line(x0, cy, x0 + SampleWidth, cy, series.Color, 2);
            }

            if (series.ShowsMarkers)
            {
                Marker.Draw(svg, series.Shape, x0 + (SampleWidth / 2), cy, 3.5, series.Color, "legend-marker");
            }

            svg.Text(x0 + SampleWidth + 6, cy + (FontSize * 0.35), label, fontSize: FontSize, fill: "#222222",
                cssClass: "legend-label");
        }

        svg.EndGroup();
    }

    private static bool Covers(PixelRect box, IReadOnlyList<(Series Series, List<(double X, double Y)[]> Runs)> data)
    {
        foreach (var (series, runs) in data)
        {
            foreach (var run in runs)
            {
                if (series.Kind != SeriesKind.Points)
                {
                    for (var i = 1; i < run.Length; i++)
                    {
                        if (box.Intersects(run[i - 1].X, run[i - 1].Y, run[i].X, run[i].Y))
                        {
                            return true;
                        }
                    }
                }

                foreach (var (x, y) in run)
                {
                    if (box.Inflate(4).Contains(x, y))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
