using System.Xml.Linq;
using DeepMath.Plotting;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Plotting;

public class ContourPlotTests
{
    [Fact]
    public void Marching_squares_puts_every_segment_end_on_the_level_set_of_a_paraboloid()
    {
        // f = x² + y² on a 41 x 41 grid over [-2, 2]²: the level 1 is the unit circle; linear interpolation along
        // cell edges is within (cell size)² / 8 / r of it.
        int n = 41;
        var grid = new double[n, n];
        double Coordinate(double index) => -2 + 4 * index / (n - 1);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) grid[i, j] = Coordinate(j) * Coordinate(j) + Coordinate(i) * Coordinate(i);
        var segments = MarchingSquares.Segments(grid, 1);
        Assert.InRange(segments.Count, 60, 100); // the circle crosses about 2π · (4/π) / 0.1 = 80 cells
        foreach (var (a, b) in segments)
            foreach (var p in new[] { a, b })
                Assert.Equal(1, Math.Sqrt(Coordinate(p.X) * Coordinate(p.X) + Coordinate(p.Y) * Coordinate(p.Y)), 2);
        Assert.Empty(MarchingSquares.Segments(grid, 100)); // above every value
    }

    [Fact]
    public void Non_finite_cells_are_skipped_not_drawn_through()
    {
        var grid = new double[,] { { 0, 1, 2 }, { 1, double.NaN, 3 }, { 2, 3, 4 } };
        Assert.Empty(MarchingSquares.Segments(grid, 1.5)); // every cell touches the NaN
    }

    [Fact]
    public void The_svg_is_well_formed_with_one_contour_path_per_level_and_the_optimizer_path_on_top()
    {
        var plot = new ContourPlot((x, y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x), -2, 2, -1, 3, 60) { Title = "Rosenbrock <&>" };
        plot.AddPath("BFGS", [-1.2, -1.0, 0.5, 1.0], [1.0, 1.07, 0.2, 1.0]);
        var doc = XDocument.Parse(plot.ToSvg());
        XNamespace ns = "http://www.w3.org/2000/svg";
        var contours = doc.Descendants(ns + "path").Where(e => (string?)e.Attribute("class") == "contour").ToList();
        Assert.Equal(plot.Levels().Count, contours.Count);
        Assert.Equal(14, plot.Levels().Count);
        Assert.Single(doc.Descendants(ns + "polyline"), e => (string?)e.Attribute("class") == "path");
        Assert.Contains("Rosenbrock <&>", doc.Descendants(ns + "title").Select(t => t.Value).Concat(doc.Descendants(ns + "text").Select(t => t.Value)));
        // Quantile levels are increasing and inside the sampled range.
        var levels = plot.Levels();
        Assert.Equal(levels.Order(), levels);
        Assert.True(levels[0] >= 0 && levels[^1] <= 2509 + 1e-9);
    }

    [Fact]
    public void Explicit_levels_and_bad_arguments()
    {
        var plot = new ContourPlot((x, y) => x + y, 0, 1, 0, 1, 16).SetLevels([1.5, 0.5, 1.0]);
        Assert.Equal([0.5, 1.0, 1.5], plot.Levels());
        Assert.Throws<ArgumentException>(() => plot.SetLevels([double.NaN]));
        Assert.Throws<ArgumentException>(() => plot.AddPath("p", [1.0], [1.0, 2.0]));
        Assert.ThrowsAny<ArgumentException>(() => new ContourPlot((x, y) => x, 1, 1, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContourPlot((x, y) => x, 0, 1, 0, 1, 4));
    }

    [Fact]
    public void A_surface_that_is_NaN_somewhere_still_renders()
    {
        var plot = new ContourPlot((x, y) => x * x + y * y < 0.25 ? double.NaN : Math.Log(x * x + y * y), -1, 1, -1, 1, 30);
        var svg = plot.ToSvg();
        XDocument.Parse(svg);
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
    }
}
