namespace DeepMath.Plotting;

/// <summary>
/// Lays out and draws a chart with numeric x and y axes; <see cref="LineChart"/> and
/// <see cref="ScatterChart"/> are thin public fronts over it.
/// </summary>
internal sealed class XyPlot
{
    public const int MinWidth = 200;
    public const int MinHeight = 150;
    private const double Pad = 14;
    private const double TitleSize = 16;
    private const double LabelSize = 13;
    private const double TickSize = 12;
    private const double TickLength = 5;
    private const double LegendGap = 12;

    public string Title { get; set; } = "";

    public string XLabel { get; set; } = "";

    public string YLabel { get; set; } = "";

    public (double Min, double Max)? YRange { get; set; }

    public List<Series> Series { get; } = [];

    public static void CheckSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, MinWidth);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, MinHeight);
    }

    public string Render(int width, int height)
    {
        CheckSize(width, height);
        var svg = new SvgWriter(width, height, TickSize, Title);

        // Vertical layout first: it fixes the plot height, hence the y ticks, hence the left margin.
        var top = Pad;
        var titleSize = TextMetrics.FitFontSize(Title, width - (2 * Pad), TitleSize, 9, bold: true);
        if (!string.IsNullOrWhiteSpace(Title))
        {
            top += titleSize + 10;
        }

        var bottom = Pad + TickLength + 4 + TickSize + (HasText(XLabel) ? 8 + LabelSize : 0);
        var plotHeight = Math.Max(20, height - top - bottom);
        var yScale = YScale((int)Math.Clamp(plotHeight / 32, 3, 8));
        var left = Pad + (HasText(YLabel) ? LabelSize + 10 : 0)
            + TextMetrics.MaxWidth(yScale.Labels, TickSize) + 4 + TickLength;

        var legend = new Legend(Series);
        var area = Fit(left, top, width - left - Pad, plotHeight, yScale);
        double legendLeft = 0, legendTop = 0;
        if (!legend.IsEmpty)
        {
            var data = Series.Select(s => (s, area.Runs(s))).ToList();
            if (legend.FindFreeCorner(area.Rect, data) is { } corner)
            {
                (legendLeft, legendTop) = (corner.Left, corner.Top);
            }
            else
            {
                // Every corner would hide data: move the legend outside, to the right of the plot.
                area = Fit(left, top, width - left - Pad - legend.Width - LegendGap, plotHeight, yScale);
                (legendLeft, legendTop) = (area.Rect.Right + LegendGap, area.Rect.Top);
            }
        }

        if (!string.IsNullOrWhiteSpace(Title))
        {
            svg.Text(width / 2.0, Pad + (titleSize * 0.8), Title, TextAnchor.Middle, titleSize, "#111111",
                bold: true, cssClass: "title");
        }

        DrawAxes(svg, area, width);
        DrawSeries(svg, area);
        if (!legend.IsEmpty)
        {
            legend.Draw(svg, legendLeft, legendTop);
        }

        return svg.Finish();
    }

    private static bool HasText(string text) => !string.IsNullOrWhiteSpace(text);

    private NiceScale YScale(int maxTicks) => YRange is { } range
        ? NiceScale.ForRange(range.Min, range.Max, maxTicks, loose: false)
        : DataScale(s => s.Y, maxTicks);

    private NiceScale DataScale(Func<Series, double[]> axis, int maxTicks)
    {
        var values = FiniteValues(axis).ToArray();
        var scale = NiceScale.ForValues(values, maxTicks);
        return values.Length == 0 ? scale : scale.WithMargins(values.Min(), values.Max());
    }

    private IEnumerable<double> FiniteValues(Func<Series, double[]> axis)
    {
        foreach (var s in Series)
        {
            var values = axis(s);
            for (var i = 0; i < s.X.Length; i++)
            {
                // Only points that can be drawn (both coordinates finite) shape the axes.
                if (double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i]))
                {
                    yield return values[i];
                }
            }
        }
    }

    /// <summary>
    /// Chooses x ticks that fit the width without labels colliding, and leaves room on the right for
    /// half of the last tick label, which is centered on the plot's right edge.
    /// </summary>
    private PlotArea Fit(double left, double top, double available, double plotHeight, NiceScale yScale)
    {
        available = Math.Max(40, available);
        var maxTicks = (int)Math.Clamp(available / 60, 2, 8);
        NiceScale xScale;
        while (true)
        {
            xScale = DataScale(s => s.X, maxTicks);
            var spacing = available / Math.Max(1, xScale.Ticks.Count - 1);
            if (maxTicks == 2 || TextMetrics.MaxWidth(xScale.Labels, TickSize) + 10 <= spacing)
            {
                break;
            }

            maxTicks--;
        }

        var overhang = Math.Max(0, (TextMetrics.Width(xScale.Labels[^1], TickSize) / 2) + 2 - Pad);
        return new PlotArea(new PixelRect(left, top, Math.Max(20, available - overhang), plotHeight), xScale, yScale);
    }

    private void DrawAxes(SvgWriter svg, PlotArea area, int width)
    {
        var r = area.Rect;
        svg.BeginGroup("grid");
        foreach (var t in area.Y.Ticks)
        {
            svg.Line(r.Left, area.MapY(t), r.Right, area.MapY(t), "#e6e6e6");
        }

        foreach (var t in area.X.Ticks)
        {
            svg.Line(area.MapX(t), r.Top, area.MapX(t), r.Bottom, "#e6e6e6");
        }

        svg.EndGroup();
        svg.Rect(r.Left, r.Top, r.Width, r.Height, null, "#bbbbbb", 1, "plot-area");
        svg.Line(r.Left, r.Top, r.Left, r.Bottom, "#444444");
        svg.Line(r.Left, r.Bottom, r.Right, r.Bottom, "#444444");

        svg.BeginGroup("y-ticks");
        for (var i = 0; i < area.Y.Ticks.Count; i++)
        {
            var y = area.MapY(area.Y.Ticks[i]);
            svg.Line(r.Left - TickLength, y, r.Left, y, "#444444");
            svg.Text(r.Left - TickLength - 3, y + (TickSize * 0.35), area.Y.Labels[i], TextAnchor.End,
                fill: "#333333", cssClass: "tick-label");
        }

        svg.EndGroup();
        svg.BeginGroup("x-ticks");
        for (var i = 0; i < area.X.Ticks.Count; i++)
        {
            var x = area.MapX(area.X.Ticks[i]);
            svg.Line(x, r.Bottom, x, r.Bottom + TickLength, "#444444");
            svg.Text(x, r.Bottom + TickLength + 3 + (TickSize * 0.8), area.X.Labels[i], TextAnchor.Middle,
                fill: "#333333", cssClass: "tick-label");
        }

        svg.EndGroup();

        if (HasText(XLabel))
        {
            var size = TextMetrics.FitFontSize(XLabel, width - (2 * Pad), LabelSize, 8);
            var baseline = r.Bottom + TickLength + 4 + TickSize + 8 + (size * 0.8);
            svg.Text(r.Left + (r.Width / 2), baseline, XLabel, TextAnchor.Middle, size, "#222222",
                cssClass: "axis-label");
        }

        if (HasText(YLabel))
        {
            var size = TextMetrics.FitFontSize(YLabel, r.Height, LabelSize, 8);
            svg.Text(Pad + (size * 0.8), r.Top + (r.Height / 2), YLabel, TextAnchor.Middle, size, "#222222",
                rotate: -90, cssClass: "axis-label");
        }
    }

    private void DrawSeries(SvgWriter svg, PlotArea area)
    {
        var r = area.Rect;
        string? clipId = null;
        if (YRange is not null)
        {
            // Only a user y range can put data outside the plot. The clip reaches a little past the
            // frame so markers on its edge stay whole; its id encodes the rectangle, so charts inlined
            // in one page that share an id also share the clip.
            var clip = r.Inflate(4);
            clipId = "clip-" + string.Join('-', SvgWriter.Num(clip.Left), SvgWriter.Num(clip.Top),
                SvgWriter.Num(clip.Width), SvgWriter.Num(clip.Height)).Replace('.', '_');
            svg.ClipRect(clipId, clip.Left, clip.Top, clip.Width, clip.Height);
        }

        svg.BeginGroup("series", clipId);
        var drawn = 0;
        foreach (var series in Series)
        {
            var runs = area.Runs(series);
            drawn += runs.Count;
            SeriesPainter.Paint(svg, series, runs);
        }

        svg.EndGroup();
        if (drawn == 0)
        {
            svg.Text(r.Left + (r.Width / 2), r.Top + (r.Height / 2), "no data", TextAnchor.Middle, 14, "#888888",
                cssClass: "no-data");
        }
    }
}
