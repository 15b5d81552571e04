using System.Globalization;
using System.Text;

namespace DeepMath.Plotting;

/// <summary>Draws a <see cref="ContourPlot"/>: colour-filled cells by level band, contour lines, axes, paths and a legend.</summary>
internal static class ContourRenderer
{
    private const double Pad = 14, TickSize = 12, TickLength = 5, LabelSize = 13, TitleSize = 16;
    private const int MaxFillCells = 90; // fill cells per side: the lines carry the detail, the fill only the bands

    public static string Render(ContourPlot plot, int width, int height)
    {
        XyPlot.CheckSize(width, height);
        var svg = new SvgWriter(width, height, TickSize, plot.Title);
        double top = Pad + (string.IsNullOrWhiteSpace(plot.Title) ? 0 : TitleSize + 10);
        var xScale = NiceScale.ForRange(plot.XMin, plot.XMax, 6, loose: false);
        var yScale = NiceScale.ForRange(plot.YMin, plot.YMax, 6, loose: false);
        double left = Pad + LabelSize + 10 + TextMetrics.MaxWidth(yScale.Labels, TickSize) + 4 + TickLength;
        double bottom = Pad + TickLength + 4 + TickSize + 8 + LabelSize;
        var area = new PlotArea(new PixelRect(left, top, Math.Max(40, width - left - Pad - 10), Math.Max(40, height - top - bottom)), xScale, yScale);
        if (!string.IsNullOrWhiteSpace(plot.Title))
            svg.Text(width / 2.0, Pad + TitleSize * 0.8, plot.Title, TextAnchor.Middle, TitleSize, "#111111", bold: true, cssClass: "title");

        var levels = plot.Levels();
        DrawFill(svg, plot, area, levels);
        DrawLines(svg, plot, area, levels);
        DrawAxes(svg, plot, area, width);
        DrawPaths(svg, plot, area);
        return svg.Finish();
    }

    /// <summary>Cells coloured by the band their value falls in (NaN cells grey).</summary>
    private static void DrawFill(SvgWriter svg, ContourPlot plot, PlotArea area, IReadOnlyList<double> levels)
    {
        var v = plot.Values;
        int rows = v.GetLength(0), columns = v.GetLength(1);
        int step = Math.Max(1, (Math.Max(rows, columns) + MaxFillCells - 1) / MaxFillCells);
        double cellW = area.Rect.Width / (columns - 1) * step, cellH = area.Rect.Height / (rows - 1) * step;
        svg.BeginGroup("fill");
        for (int i = 0; i < rows; i += step)
            for (int j = 0; j < columns; j += step)
            {
                double value = v[i, j];
                string color = double.IsFinite(value) ? ColorScale.At(0.05 + 0.75 * Band(levels, value) / Math.Max(1, levels.Count)) : ColorScale.MissingColor;
                double x = area.Rect.Left + area.Rect.Width * j / (columns - 1) - cellW / 2, y = area.Rect.Bottom - area.Rect.Height * i / (rows - 1) - cellH / 2;
                // Clip the half cells at the frame.
                double x0 = Math.Max(x, area.Rect.Left), y0 = Math.Max(y, area.Rect.Top);
                double x1 = Math.Min(x + cellW, area.Rect.Right), y1 = Math.Min(y + cellH, area.Rect.Bottom);
                svg.Rect(x0, y0, x1 - x0 + 0.8, y1 - y0 + 0.8, color); // overlap a little: abutting edges leave anti-aliased seams
            }
        svg.EndGroup();
    }

    private static int Band(IReadOnlyList<double> levels, double value)
    {
        int band = 0;
        while (band < levels.Count && value > levels[band]) band++;
        return band;
    }

    /// <summary>One SVG path per level from the marching-squares segments.</summary>
    private static void DrawLines(SvgWriter svg, ContourPlot plot, PlotArea area, IReadOnlyList<double> levels)
    {
        int rows = plot.Values.GetLength(0), columns = plot.Values.GetLength(1);
        svg.BeginGroup("contours");
        foreach (double level in levels)
        {
            var d = new StringBuilder();
            foreach (var (a, b) in MarchingSquares.Segments(plot.Values, level))
            {
                d.Append(CultureInfo.InvariantCulture, $"M{SvgWriter.Num(area.Rect.Left + area.Rect.Width * a.X / (columns - 1))} {SvgWriter.Num(area.Rect.Bottom - area.Rect.Height * a.Y / (rows - 1))}");
                d.Append(CultureInfo.InvariantCulture, $"L{SvgWriter.Num(area.Rect.Left + area.Rect.Width * b.X / (columns - 1))} {SvgWriter.Num(area.Rect.Bottom - area.Rect.Height * b.Y / (rows - 1))}");
            }
            if (d.Length > 0)
                svg.Raw($"<path class=\"contour\" data-level=\"{SvgWriter.Num(level)}\" d=\"{d}\" fill=\"none\" stroke=\"#2b3a55\" stroke-width=\"0.8\" stroke-opacity=\"0.7\"/>");
        }
        svg.EndGroup();
    }

    private static void DrawAxes(SvgWriter svg, ContourPlot plot, PlotArea area, int width)
    {
        var r = area.Rect;
        svg.Rect(r.Left, r.Top, r.Width, r.Height, null, "#444444", 1, "plot-area");
        svg.BeginGroup("y-ticks");
        for (int i = 0; i < area.Y.Ticks.Count; i++)
        {
            double y = area.MapY(area.Y.Ticks[i]);
            svg.Line(r.Left - TickLength, y, r.Left, y, "#444444");
            svg.Text(r.Left - TickLength - 3, y + TickSize * 0.35, area.Y.Labels[i], TextAnchor.End, fill: "#333333", cssClass: "tick-label");
        }
        svg.EndGroup();
        svg.BeginGroup("x-ticks");
        for (int i = 0; i < area.X.Ticks.Count; i++)
        {
            double x = area.MapX(area.X.Ticks[i]);
            svg.Line(x, r.Bottom, x, r.Bottom + TickLength, "#444444");
            svg.Text(x, r.Bottom + TickLength + 3 + TickSize * 0.8, area.X.Labels[i], TextAnchor.Middle, fill: "#333333", cssClass: "tick-label");
        }
        svg.EndGroup();
        if (!string.IsNullOrWhiteSpace(plot.XLabel))
            svg.Text(r.Left + r.Width / 2, r.Bottom + TickLength + 4 + TickSize + 8 + LabelSize * 0.8, plot.XLabel, TextAnchor.Middle,
                TextMetrics.FitFontSize(plot.XLabel, width - 2 * Pad, LabelSize, 8), "#222222", cssClass: "axis-label");
        if (!string.IsNullOrWhiteSpace(plot.YLabel))
            svg.Text(Pad + LabelSize * 0.8, r.Top + r.Height / 2, plot.YLabel, TextAnchor.Middle, TextMetrics.FitFontSize(plot.YLabel, r.Height, LabelSize, 8),
                "#222222", rotate: -90, cssClass: "axis-label");
    }

    /// <summary>Each path as a polyline with a hollow circle at its start and a filled one at its end, clipped to the frame; names in a legend box.</summary>
    private static void DrawPaths(SvgWriter svg, ContourPlot plot, PlotArea area)
    {
        if (plot.Paths.Count == 0) return;
        var r = area.Rect;
        string clip = "contour-clip";
        svg.ClipRect(clip, r.Left, r.Top, r.Width, r.Height);
        svg.BeginGroup("paths", clip);
        var colors = new List<string>();
        for (int k = 0; k < plot.Paths.Count; k++)
        {
            var (_, xs, ys, color) = plot.Paths[k];
            string stroke = color ?? PathColors[k % PathColors.Length];
            colors.Add(stroke);
            var points = xs.Zip(ys).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second))
                .Select(p => (area.MapX(p.First), area.MapY(p.Second))).ToList();
            if (points.Count == 0) continue;
            if (points.Count > 1) svg.Polyline(points, stroke, 1.8, "path");
            foreach (var p in points.Count <= 60 ? points : []) svg.Circle(p.Item1, p.Item2, 2, stroke);
            svg.Circle(points[0].Item1, points[0].Item2, 5, "#ffffff", stroke, "start");
            svg.Circle(points[^1].Item1, points[^1].Item2, 5, stroke, "#ffffff", "end");
        }
        svg.EndGroup();
        double lineHeight = TickSize + 6, boxWidth = plot.Paths.Max(p => TextMetrics.Width(p.Name, TickSize)) + 34;
        double boxLeft = r.Right - boxWidth - 6, boxTop = r.Top + 6;
        svg.Rect(boxLeft, boxTop, boxWidth, lineHeight * plot.Paths.Count + 6, "#ffffff", "#999999", 1, "legend");
        for (int k = 0; k < plot.Paths.Count; k++)
        {
            double y = boxTop + 3 + lineHeight * (k + 0.5);
            svg.Line(boxLeft + 6, y, boxLeft + 24, y, colors[k], 2);
            svg.Text(boxLeft + 28, y + TickSize * 0.35, plot.Paths[k].Name, fill: "#222222", cssClass: "legend-label");
        }
    }

    // Warm colours that stand out on the blue fill.
    private static readonly string[] PathColors = ["#D55E00", "#E69F00", "#CC79A7", "#000000", "#009E73"];
}
