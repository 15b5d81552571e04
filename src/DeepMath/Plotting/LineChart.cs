using DeepMath.Data;

namespace DeepMath.Plotting;

/// <summary>
/// A line chart of one or more named series (loss or accuracy per epoch, say), rendered as SVG.
/// A NaN or infinite value breaks the line; series of at most 30 points get a marker on every point.
/// </summary>
public sealed class LineChart
{
    private readonly XyPlot _plot = new();

    /// <summary>Chart title shown above the plot; empty for none.</summary>
    public string Title
    {
        get => _plot.Title;
        set => _plot.Title = value ?? "";
    }

    /// <summary>Label under the x axis; empty for none.</summary>
    public string XLabel
    {
        get => _plot.XLabel;
        set => _plot.XLabel = value ?? "";
    }

    /// <summary>Label beside the y axis; empty for none.</summary>
    public string YLabel
    {
        get => _plot.YLabel;
        set => _plot.YLabel = value ?? "";
    }

    /// <summary>The y range set by <see cref="SetYRange"/>, or null when it follows the data.</summary>
    public (double Min, double Max)? YRange => _plot.YRange;

    /// <summary>Number of series added so far.</summary>
    public int SeriesCount => _plot.Series.Count;

    /// <summary>
    /// Fixes the y axis to [<paramref name="min"/>, <paramref name="max"/>] (e.g. 0 to 1 for accuracy);
    /// values outside it are clipped.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite or min is not below max.</exception>
    public LineChart SetYRange(double min, double max)
    {
        CheckRange(min, max);
        _plot.YRange = (min, max);
        return this;
    }

    /// <summary>Lets the y axis follow the data again.</summary>
    public LineChart ClearYRange()
    {
        _plot.YRange = null;
        return this;
    }

    /// <summary>Adds a series of (x, y) points. The data are copied.</summary>
    /// <param name="name">Legend entry; empty keeps the series out of the legend.</param>
    /// <param name="x">X values.</param>
    /// <param name="y">Y values, as many as x; NaN leaves a gap.</param>
    /// <param name="color">Any SVG color; null picks the next color of the Okabe-Ito palette.</param>
    /// <exception cref="ArgumentException">x and y differ in length.</exception>
    public LineChart AddSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color = null)
    {
        _plot.Series.Add(Series.Create(name, x, y, color, SeriesKind.Line, _plot.Series.Count));
        return this;
    }

    /// <summary>Adds a series whose x values are 1, 2, ..., n (epochs, say). The data are copied.</summary>
    /// <param name="name">Legend entry; empty keeps the series out of the legend.</param>
    /// <param name="y">Y values; NaN leaves a gap.</param>
    /// <param name="color">Any SVG color; null picks the next color of the Okabe-Ito palette.</param>
    public LineChart AddSeries(string name, IReadOnlyList<double> y, string? color = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        return AddSeries(name, Series.Positions(y.Count), y, color);
    }

    /// <summary>Renders the chart as an SVG document.</summary>
    /// <param name="width">Width in pixels, at least 200.</param>
    /// <param name="height">Height in pixels, at least 150.</param>
    public string ToSvg(int width = 720, int height = 440) => _plot.Render(width, height);

    /// <summary>
    /// Writes the SVG to <paramref name="path"/> atomically: a temporary file in the same folder is
    /// written, flushed and renamed over the target, so readers never see a partial file.
    /// </summary>
    /// <param name="path">Target file; an existing file is replaced.</param>
    /// <param name="width">Width in pixels, at least 200.</param>
    /// <param name="height">Height in pixels, at least 150.</param>
    public void Save(string path, int width = 720, int height = 440) =>
        AtomicFile.WriteAllText(path, ToSvg(width, height));

    internal static void CheckRange(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min >= max)
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"The range [{min}, {max}] must be finite with min < max.");
        }
    }
}
