namespace DeepMath.Plotting;

/// <summary>Lays out and draws a <see cref="HeatMap"/>: cells, labels, axis titles and a color bar.</summary>
internal static class HeatMapRenderer
{
    private const double Pad = 14;
    private const double TitleSize = 16;
    private const double AxisTitleSize = 13;
    private const double LabelSize = 12;
    private const double LabelGap = 8;
    private const double BarWidth = 14;
    private const double BarGap = 18;
    private const double Sin45 = 0.7071;
    private const string GradientId = "heatmap-blues";

    public static string Render(HeatMap map, int width, int height)
    {
        XyPlot.CheckSize(width, height);
        int rows = map.RowCount, columns = map.ColumnCount;
        var shown = map.DisplayValues();
        var (lo, hi) = map.Normalize ? (0.0, 1.0) : FiniteRange(shown);
        Func<double, string> format = map.Normalize ? NumberFormat.Percent : NumberFormat.General;

        // Margins come from the measured label widths, so long class names never get cut off.
        var titleSize = TextMetrics.FitFontSize(map.Title, width - (2 * Pad), TitleSize, 9, bold: true);
        var top = Pad + (HasText(map.Title) ? titleSize + 12 : 0);
        var rowLabelWidth = TextMetrics.MaxWidth(map.RowLabels, LabelSize);
        var columnLabelWidth = TextMetrics.MaxWidth(map.ColumnLabels, LabelSize);
        var rowTitleWidth = HasText(map.RowAxisTitle) ? AxisTitleSize + 10 : 0;
        var columnTitleHeight = HasText(map.ColumnAxisTitle) ? AxisTitleSize + 10 : 0;
        var barTicks = ColorBarTicks(lo, hi, format);
        var left = Pad + rowTitleWidth + rowLabelWidth + LabelGap;
        var right = BarGap + BarWidth + 6 + TextMetrics.MaxWidth(barTicks.Select(t => t.Label), LabelSize) + Pad;

        // Try horizontal column labels; rotate them by 45 degrees when they are wider than a cell.
        var bottom = LabelGap + LabelSize + columnTitleHeight + Pad;
        var cell = CellSize(width - left - right, height - top - bottom, rows, columns);
        var rotated = columnLabelWidth > cell - 6;
        if (rotated)
        {
            bottom = LabelGap + ((columnLabelWidth + LabelSize) * Sin45) + columnTitleHeight + Pad;
            cell = CellSize(width - left - right, height - top - bottom, rows, columns);
            // The first column's label hangs down-left from its cell; keep it on the canvas.
            left = Math.Max(left, Pad + (columnLabelWidth * Sin45) - (cell / 2));
            cell = CellSize(width - left - right, height - top - bottom, rows, columns);
        }

        var gridLeft = left + ((width - left - right - (cell * columns)) / 2);
        var gridTop = top + ((height - top - bottom - (cell * rows)) / 2);
        var grid = new PixelRect(gridLeft, gridTop, cell * columns, cell * rows);

        var svg = new SvgWriter(width, height, LabelSize, map.Title);
        if (HasText(map.Title))
        {
            svg.Text(width / 2.0, Pad + (titleSize * 0.8), map.Title, TextAnchor.Middle, titleSize, "#111111",
                bold: true, cssClass: "title");
        }

        DrawCells(svg, grid, cell, shown, lo, hi, format);
        DrawLabels(svg, map, grid, cell, rowLabelWidth, columnLabelWidth, rotated);
        DrawColorBar(svg, grid, lo, hi, barTicks);
        return svg.Finish();
    }

    private static bool HasText(string text) => !string.IsNullOrWhiteSpace(text);

    private static double CellSize(double availableWidth, double availableHeight, int rows, int columns) =>
        Math.Max(4, Math.Min(availableWidth / columns, availableHeight / rows));

    private static (double Lo, double Hi) FiniteRange(double[,] values)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        return lo <= hi ? (lo, hi) : (0, 1);
    }

    /// <summary>Position of <paramref name="v"/> on the color scale; a constant matrix sits mid-scale.</summary>
    private static double Scale(double v, double lo, double hi) =>
        double.IsFinite(v) ? (hi > lo ? (v - lo) / (hi - lo) : 0.5) : double.NaN;

    private static void DrawCells(SvgWriter svg, PixelRect grid, double cell, double[,] shown, double lo, double hi,
        Func<double, string> format)
    {
        int rows = shown.GetLength(0), columns = shown.GetLength(1);
        var texts = new string[rows, columns];
        double widest = 0;
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                texts[i, j] = double.IsFinite(shown[i, j]) ? format(shown[i, j]) : "";
                widest = Math.Max(widest, TextMetrics.Width(texts[i, j], 1));
            }
        }

        // One font size for all cells, the largest at which the widest number fits.
        var fontSize = Math.Min(Math.Min(13, cell * 0.36), widest > 0 ? (cell - 6) / widest : 13);
        svg.BeginGroup("cells");
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                var t = Scale(shown[i, j], lo, hi);
                double x = grid.Left + (j * cell), y = grid.Top + (i * cell);
                svg.Rect(x, y, cell, cell, ColorScale.At(t), "#ffffff", 1, "cell");
                if (fontSize >= 6 && texts[i, j].Length > 0)
                {
                    // White on dark cells, near-black on light ones, whichever contrasts more.
                    var ink = ColorScale.NeedsLightText(t) ? "#ffffff" : "#1a1a1a";
                    svg.Text(x + (cell / 2), y + (cell / 2) + (fontSize * 0.35), texts[i, j], TextAnchor.Middle,
                        fontSize, ink, cssClass: "cell-value");
                }
            }
        }

        svg.EndGroup();
    }

    private static void DrawLabels(SvgWriter svg, HeatMap map, PixelRect grid, double cell, double rowLabelWidth,
        double columnLabelWidth, bool rotated)
    {
        // Labels shrink with the cells so neighbours never overlap.
        var rowSize = Math.Min(LabelSize, cell * 0.8);
        svg.BeginGroup("row-labels");
        for (var i = 0; i < map.RowCount; i++)
        {
            svg.Text(grid.Left - LabelGap, grid.Top + ((i + 0.5) * cell) + (rowSize * 0.35), map.RowLabels[i],
                TextAnchor.End, rowSize, "#222222", cssClass: "row-label");
        }

        svg.EndGroup();
        var columnSize = Math.Min(LabelSize, cell * (rotated ? 0.65 : 0.8));
        svg.BeginGroup("column-labels");
        for (var j = 0; j < map.ColumnCount; j++)
        {
            var cx = grid.Left + ((j + 0.5) * cell);
            if (rotated)
            {
                // Anchor the label's end just below its column, nudged so the text centres on it.
                svg.Text(cx + (columnSize * 0.3), grid.Bottom + LabelGap, map.ColumnLabels[j], TextAnchor.End,
                    columnSize, "#222222", rotate: -45, cssClass: "column-label");
            }
            else
            {
                svg.Text(cx, grid.Bottom + LabelGap + (columnSize * 0.8), map.ColumnLabels[j], TextAnchor.Middle,
                    columnSize, "#222222", cssClass: "column-label");
            }
        }

        svg.EndGroup();
        if (HasText(map.RowAxisTitle))
        {
            var x = grid.Left - LabelGap - rowLabelWidth - 8;
            var size = TextMetrics.FitFontSize(map.RowAxisTitle, grid.Height, AxisTitleSize, 8);
            svg.Text(x, grid.Top + (grid.Height / 2), map.RowAxisTitle, TextAnchor.Middle, size, "#222222",
                rotate: -90, cssClass: "axis-label");
        }

        if (HasText(map.ColumnAxisTitle))
        {
            var labelsHeight = rotated ? (columnLabelWidth + LabelSize) * Sin45 : LabelSize;
            var size = TextMetrics.FitFontSize(map.ColumnAxisTitle, grid.Width, AxisTitleSize, 8);
            svg.Text(grid.Left + (grid.Width / 2), grid.Bottom + LabelGap + labelsHeight + 8 + (size * 0.8),
                map.ColumnAxisTitle, TextAnchor.Middle, size, "#222222", cssClass: "axis-label");
        }
    }

    /// <summary>The ends of the scale (min and max) and the nice values between them.</summary>
    private static List<(double Value, string Label)> ColorBarTicks(double lo, double hi, Func<double, string> format)
    {
        var ticks = new List<(double Value, string Label)> { (lo, format(lo)) };
        if (hi > lo)
        {
            foreach (var t in NiceScale.ForRange(lo, hi, 6, loose: false).Ticks)
            {
                ticks.Add((t, format(t)));
            }

            ticks.Add((hi, format(hi)));
        }

        return ticks;
    }

    private static void DrawColorBar(SvgWriter svg, PixelRect grid, double lo, double hi,
        List<(double Value, string Label)> ticks)
    {
        var stops = new (double Offset, string Color)[ColorScale.StopCount];
        for (var i = 0; i < stops.Length; i++)
        {
            var t = (double)i / (stops.Length - 1);
            stops[i] = (t, ColorScale.At(t));
        }

        svg.VerticalGradient(GradientId, stops);
        var x = grid.Right + BarGap;
        svg.BeginGroup("color-bar");
        svg.Rect(x, grid.Top, BarWidth, grid.Height, $"url(#{GradientId})", "#999999", 1, "color-bar");
        for (var i = 0; i < ticks.Count; i++)
        {
            var (value, label) = ticks[i];
            var y = hi > lo ? grid.Bottom - ((value - lo) / (hi - lo) * grid.Height) : grid.Bottom;
            var isEnd = i == 0 || i == ticks.Count - 1;
            // Min and max are always labelled; a nice value in between only if it keeps clear of them.
            if (!isEnd && (y - grid.Top < 1.3 * LabelSize || grid.Bottom - y < 1.3 * LabelSize))
            {
                continue;
            }

            svg.Line(x + BarWidth, y, x + BarWidth + 4, y, "#666666");
            svg.Text(x + BarWidth + 6, y + (LabelSize * 0.35), label, fill: "#333333", cssClass: "color-bar-label");
        }

        svg.EndGroup();
    }
}
