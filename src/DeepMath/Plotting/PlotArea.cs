namespace DeepMath.Plotting;

/// <summary>The plot rectangle and the scales that map data coordinates into it.</summary>
internal sealed record PlotArea(PixelRect Rect, NiceScale X, NiceScale Y)
{
    // Keeps far-off-axis points (outside a user y range) at finite, short coordinates; the clip
    // path hides them and the visible part of each segment is unchanged to well under a pixel.
    private const double Limit = 1e6;

    /// <summary>Pixel x of a data x.</summary>
    public double MapX(double x) =>
        Math.Clamp(Rect.Left + ((x - X.Min) / (X.Max - X.Min) * Rect.Width), -Limit, Limit);

    /// <summary>Pixel y of a data y (larger values higher up).</summary>
    public double MapY(double y) =>
        Math.Clamp(Rect.Bottom - ((y - Y.Min) / (Y.Max - Y.Min) * Rect.Height), -Limit, Limit);

    /// <summary>Pixel points of each finite run of <paramref name="series"/>.</summary>
    public List<(double X, double Y)[]> Runs(Series series)
    {
        var runs = new List<(double X, double Y)[]>();
        foreach (var (start, count) in series.FiniteRuns())
        {
            var run = new (double X, double Y)[count];
            for (var i = 0; i < count; i++)
            {
                run[i] = (MapX(series.X[start + i]), MapY(series.Y[start + i]));
            }

            runs.Add(run);
        }

        return runs;
    }
}
