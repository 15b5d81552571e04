using DeepMath.Data;

namespace DeepMath.Plotting;

/// <summary>
/// Points and directed paths on numeric axes, rendered as SVG; a path shows e.g. the iterates of
/// gradient descent, with arrow heads giving the direction of each step.
/// </summary>
public sealed class ScatterChart
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

    /// <summary>Number of point sets and paths added so far.</summary>
    public int SeriesCount => _plot.Series.Count;

    /// <summary>Fixes the y axis to [<paramref name="min"/>, <paramref name="max"/>]; values outside are clipped.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite or min is not below max.</exception>
    public ScatterChart SetYRange(double min, double max)
    {
        LineChart.CheckRange(min, max);
        _plot.YRange = (min, max);
        return this;
    }

    /// <summary>Adds unconnected points. The data are copied; points with a NaN coordinate are skipped.</summary>
    /// <param name="name">Legend entry; empty keeps the set out of the legend.</param>
    /// <param name="x">X values.</param>
    /// <param name="y">Y values, as many as x.</param>
    /// <param name="color">Any SVG color; null picks the next color of the Okabe-Ito palette.</param>
    /// <exception cref="ArgumentException">x and y differ in length.</exception>
    public ScatterChart AddPoints(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color = null)
    {
        _plot.Series.Add(Series.Create(name, x, y, color, SeriesKind.Points, _plot.Series.Count));
        return this;
    }

    /// <summary>
    /// Adds points joined in order, with arrow heads along the way. The data are copied; a NaN
    /// coordinate breaks the path.
    /// </summary>
    /// <param name="name">Legend entry; empty keeps the path out of the legend.</param>
    /// <param name="x">X values in visiting order.</param>
    /// <param name="y">Y values, as many as x.</param>
    /// <param name="color">Any SVG color; null picks the next color of the Okabe-Ito palette.</param>
    /// <exception cref="ArgumentException">x and y differ in length.</exception>
    public ScatterChart AddPath(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color = null)
    {
        _plot.Series.Add(Series.Create(name, x, y, color, SeriesKind.Path, _plot.Series.Count));
        return this;
    }

    /// <summary>Renders the chart as an SVG document.</summary>
    /// <param name="width">Width in pixels, at least 200.</param>
    /// <param name="height">Height in pixels, at least 150.</param>
    public string ToSvg(int width = 720, int height = 440) => _plot.Render(width, height);

    /// <summary>Writes the SVG to <paramref name="path"/> atomically (temporary file, flush, rename).</summary>
    /// <param name="path">Target file; an existing file is replaced.</param>
    /// <param name="width">Width in pixels, at least 200.</param>
    /// <param name="height">Height in pixels, at least 150.</param>
    public void Save(string path, int width = 720, int height = 440) =>
        AtomicFile.WriteAllText(path, ToSvg(width, height));
}
