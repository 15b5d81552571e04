using DeepMath.Data;

namespace DeepMath.Plotting;

/// <summary>
/// A filled contour plot of f(x, y) over a rectangle, with paths (an optimizer's iterates) and points
/// drawn on top, written as SVG. Levels are placed at quantiles of the sampled values by default, so a
/// surface with a huge range (Rosenbrock's) still shows lines everywhere; or give them explicitly.
/// </summary>
public sealed class ContourPlot
{
    private readonly List<(string Name, double[] X, double[] Y, string? Color)> _paths = [];
    private double[]? _levels;

    /// <summary>Samples <paramref name="f"/> on a <paramref name="resolution"/> x <paramref name="resolution"/> grid over [xMin, xMax] x [yMin, yMax].</summary>
    /// <exception cref="ArgumentException">An empty or non-finite window, or a resolution below 8 or above 1000.</exception>
    public ContourPlot(Func<double, double, double> f, double xMin, double xMax, double yMin, double yMax, int resolution = 150)
    {
        ArgumentNullException.ThrowIfNull(f);
        LineChart.CheckRange(xMin, xMax);
        LineChart.CheckRange(yMin, yMax);
        if (resolution < 8 || resolution > 1000) throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "resolution must be between 8 and 1000.");
        (XMin, XMax, YMin, YMax) = (xMin, xMax, yMin, yMax);
        Values = new double[resolution, resolution];
        for (int i = 0; i < resolution; i++)
            for (int j = 0; j < resolution; j++)
                Values[i, j] = f(xMin + (xMax - xMin) * j / (resolution - 1), yMin + (yMax - yMin) * i / (resolution - 1));
    }

    /// <summary>The sampled values: [row, column] = f(x_column, y_row), rows from yMin upwards.</summary>
    internal double[,] Values { get; }

    internal double XMin { get; }

    internal double XMax { get; }

    internal double YMin { get; }

    internal double YMax { get; }

    internal IReadOnlyList<(string Name, double[] X, double[] Y, string? Color)> Paths => _paths;

    /// <summary>The chart title.</summary>
    public string Title { get; set; } = "";

    /// <summary>The x axis label.</summary>
    public string XLabel { get; set; } = "x";

    /// <summary>The y axis label.</summary>
    public string YLabel { get; set; } = "y";

    /// <summary>Number of contour levels when none are given. Default 14.</summary>
    public int LevelCount { get; set; } = 14;

    /// <summary>Uses these contour levels instead of quantiles.</summary>
    public ContourPlot SetLevels(IReadOnlyList<double> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count == 0 || levels.Any(v => !double.IsFinite(v))) throw new ArgumentException("Contour levels must be a non-empty list of finite numbers.", nameof(levels));
        _levels = [.. levels.Order()];
        return this;
    }

    /// <summary>Adds a path (for example <c>MinimizeResult.Path</c>'s x and y), drawn as a line with its start and end marked.</summary>
    public ContourPlot AddPath(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"The path '{name}' has {x.Count} x values but {y.Count} y values.", nameof(y));
        if (color is not null && !Series.IsPlausibleColor(color)) throw new ArgumentException($"'{color}' is not a color (use #rgb, #rrggbb or a name).", nameof(color));
        _paths.Add((name, [.. x], [.. y], color));
        return this;
    }

    /// <summary>The contour levels used: the ones set, or quantiles of the finite sampled values.</summary>
    public IReadOnlyList<double> Levels()
    {
        if (_levels is not null) return _levels;
        var finite = Values.Cast<double>().Where(double.IsFinite).Order().ToArray();
        if (finite.Length == 0) return [];
        int count = Math.Max(1, LevelCount);
        return [.. Enumerable.Range(0, count).Select(k => finite[(int)((k + 0.5) / count * (finite.Length - 1))]).Distinct()];
    }

    /// <summary>The plot as SVG text.</summary>
    public string ToSvg(int width = 640, int height = 560) => ContourRenderer.Render(this, width, height);

    /// <summary>Writes the SVG to <paramref name="path"/> atomically.</summary>
    public void Save(string path, int width = 640, int height = 560) => AtomicFile.WriteAllText(path, ToSvg(width, height));
}
