namespace DeepMath.Plotting;

/// <summary>Draws one series from its pixel runs (see <see cref="PlotArea.Runs"/>).</summary>
internal static class SeriesPainter
{
    private const double MarkerRadius = 3.5;
    private const double PathMarkerRadius = 2.5;
    private const double ArrowSize = 8;
    private const int MaxArrows = 60;

    public static void Paint(SvgWriter svg, Series series, List<(double X, double Y)[]> runs)
    {
        svg.BeginGroup(series.Kind switch
        {
            SeriesKind.Line => "line-series",
            SeriesKind.Points => "point-series",
            _ => "path-series",
        });
        foreach (var run in runs)
        {
            if (series.Kind != SeriesKind.Points && run.Length > 1)
            {
                svg.Polyline(run, series.Color, series.Kind == SeriesKind.Path ? 1.5 : 2, "series-line");
            }

            if (series.Kind == SeriesKind.Path)
            {
                PaintArrows(svg, series.Color, run);
            }

            // A lone finite point between gaps would be invisible as a line, so it always gets a marker.
            if (series.ShowsMarkers || run.Length == 1)
            {
                var radius = series.Kind == SeriesKind.Path ? PathMarkerRadius : MarkerRadius;
                foreach (var (x, y) in run)
                {
                    Marker.Draw(svg, series.Shape, x, y, radius, series.Color);
                }
            }
        }

        svg.EndGroup();
    }

    /// <summary>
    /// Arrow heads at segment midpoints show the direction of travel (e.g. gradient-descent steps);
    /// long paths get one at the end only, and segments too short to hold a head get none.
    /// </summary>
    private static void PaintArrows(SvgWriter svg, string color, (double X, double Y)[] run)
    {
        if (run.Length < 2)
        {
            return;
        }

        var everySegment = run.Length - 1 <= MaxArrows;
        for (var i = everySegment ? 1 : run.Length - 1; i < run.Length; i++)
        {
            var (x0, y0) = run[i - 1];
            var (x1, y1) = run[i];
            var (dx, dy) = (x1 - x0, y1 - y0);
            var length = Math.Sqrt((dx * dx) + (dy * dy));
            if (length >= 2 * ArrowSize)
            {
                // Tip half a head past the midpoint, so the head sits centred on the segment.
                var shift = ArrowSize / 2 / length;
                Marker.Arrow(svg, ((x0 + x1) / 2) + (dx * shift), ((y0 + y1) / 2) + (dy * shift), dx, dy,
                    ArrowSize, color);
            }
        }
    }
}
