using Xunit;
using DeepMath.Plotting;

namespace DeepMath.Tests.Plotting;

public class LineChartTests
{
    [Fact]
    public void Every_point_maps_inside_the_plot_area()
    {
        var doc = Svg.Parse(Examples.Loss().ToSvg());
        var (left, top, right, bottom) = doc.PlotArea();
        var lines = doc.WithClass("series-line").ToArray();

        Assert.Equal(2, lines.Length);
        Assert.All(lines.SelectMany(l => l.Points()), p =>
        {
            Assert.InRange(p.X, left, right);
            Assert.InRange(p.Y, top, bottom);
        });
    }

    [Fact]
    public void Polyline_points_equal_finite_values_and_nan_splits_the_line()
    {
        var chart = new LineChart();
        chart.AddSeries("s", [1, 2, 3, 4, 5, 6], [1.0, 2.0, double.NaN, 4.0, 5.0, 6.0]);
        var lines = Svg.Parse(chart.ToSvg()).WithClass("series-line").ToArray();

        Assert.Equal(2, lines.Length);
        Assert.Equal([2, 3], lines.Select(l => l.Points().Length));
    }

    [Fact]
    public void Infinite_values_are_gaps_and_do_not_stretch_the_axes()
    {
        var chart = new LineChart();
        chart.AddSeries("s", [1.0, 2.0, double.PositiveInfinity, 4.0, double.NegativeInfinity]);
        var doc = Svg.Parse(chart.ToSvg());

        Assert.Equal(2, doc.WithClass("series-line").Single().Points().Length);
        // The lone finite point between gaps still gets a marker: 3 finite points, 3 markers.
        Assert.Equal(3, doc.InGroup("line-series", "circle").Count());
        Assert.All(doc.WithClass("tick-label"), t => Assert.DoesNotContain("∞", t.Value));
    }

    [Fact]
    public void Markers_only_for_short_series()
    {
        var shortChart = new LineChart().AddSeries("short", Enumerable.Range(0, 30).Select(i => (double)i).ToArray());
        var longChart = new LineChart().AddSeries("long", Enumerable.Range(0, 31).Select(i => (double)i).ToArray());

        Assert.Equal(30, Svg.Parse(shortChart.ToSvg()).InGroup("line-series", "circle").Count());
        Assert.Empty(Svg.Parse(longChart.ToSvg()).InGroup("line-series", "circle"));
    }

    [Fact]
    public void Y_only_overload_uses_one_based_positions()
    {
        var chart = new LineChart().AddSeries("y", [5.0, 6.0, 7.0]);
        var doc = Svg.Parse(chart.ToSvg());
        var xs = doc.WithClass("series-line").Single().Points().Select(p => p.X).ToArray();
        var ticks = doc.WithClass("x-ticks").Single().Elements(Svg.Ns + "line")
            .ToDictionary(l => doc.WithClass("x-ticks").Single().Elements(Svg.Ns + "text")
                .ElementAt(l.ElementsBeforeSelf(Svg.Ns + "line").Count()).Value, l => l.Num("x1"));

        Assert.Equal(ticks["1.0"], xs[0], 0.01);
        Assert.Equal(ticks["3.0"], xs[2], 0.01);
    }

    [Fact]
    public void Length_mismatch_names_both_lengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LineChart().AddSeries("s", [1.0, 2.0, 3.0], [1.0, 2.0]));
        Assert.Contains("3", ex.Message);
        Assert.Contains("2", ex.Message);
    }

    [Fact]
    public void Empty_series_draws_nothing_and_no_series_says_no_data()
    {
        var withEmpty = Svg.Parse(new LineChart().AddSeries("empty", Array.Empty<double>()).ToSvg());
        Assert.Empty(withEmpty.WithClass("series-line"));
        Assert.Single(withEmpty.WithClass("no-data"));

        var none = Svg.Parse(new LineChart().ToSvg());
        Assert.Equal("no data", none.WithClass("no-data").Single().Value);
        Assert.NotEmpty(none.WithClass("tick-label"));

        var some = Svg.Parse(Examples.Loss().ToSvg());
        Assert.Empty(some.WithClass("no-data"));
    }

    [Fact]
    public void Constant_series_sits_inside_the_plot()
    {
        var doc = Svg.Parse(new LineChart().AddSeries("c", [2.5, 2.5, 2.5]).ToSvg());
        var (_, top, _, bottom) = doc.PlotArea();
        var constant = doc.WithClass("series-line").Single().Points();
        Assert.All(constant, p => Assert.Equal(constant[0].Y, p.Y));
        Assert.InRange(constant[0].Y, top + 1, bottom - 1);
    }

    [Fact]
    public void Legend_does_not_cover_any_line()
    {
        foreach (var chart in new[] { Examples.Loss(), Examples.Accuracy(), Examples.GapAndConstant(), Examples.LongSeries(), Examples.Crowded() })
        {
            var doc = Svg.Parse(chart.ToSvg());
            var box = doc.WithClass("legend-box").Single();
            var rect = new PixelRect(box.Num("x"), box.Num("y"), box.Num("width"), box.Num("height"));
            foreach (var line in doc.WithClass("series-line"))
            {
                var p = line.Points();
                for (var i = 1; i < p.Length; i++)
                {
                    Assert.False(rect.Intersects(p[i - 1].X, p[i - 1].Y, p[i].X, p[i].Y), chart.Title);
                }
            }
        }
    }

    [Fact]
    public void Legend_moves_outside_when_every_corner_holds_data()
    {
        var doc = Svg.Parse(Examples.Crowded().ToSvg());
        var (_, _, right, _) = doc.PlotArea();
        var box = doc.WithClass("legend-box").Single();
        Assert.True(box.Num("x") > right);
        Assert.True(box.Num("x") + box.Num("width") <= 720);
    }

    [Fact]
    public void Y_range_override_sets_the_axis_and_clips()
    {
        var chart = new LineChart().AddSeries("acc", [0.2, 0.5, 1.4]).SetYRange(0, 1);
        var doc = Svg.Parse(chart.ToSvg());
        var labels = doc.WithClass("y-ticks").Single().Elements(Svg.Ns + "text").Select(t => t.Value).ToArray();

        Assert.Equal("0.0", labels[0]);
        Assert.Equal("1.0", labels[^1]);
        Assert.NotNull(doc.WithClass("series").Single().Attribute("clip-path"));
        Assert.Null(Svg.Parse(Examples.Loss().ToSvg()).WithClass("series").Single().Attribute("clip-path"));
        Assert.Throws<ArgumentOutOfRangeException>(() => chart.SetYRange(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => chart.SetYRange(0, double.NaN));
        Assert.Null(chart.ClearYRange().YRange);
    }

    [Fact]
    public void Palette_colors_are_used_by_default_and_custom_colors_kept()
    {
        var chart = new LineChart().AddSeries("a", [1.0, 2.0]).AddSeries("b", [2.0, 1.0], "teal");
        var strokes = Svg.Parse(chart.ToSvg()).WithClass("series-line").Select(l => (string)l.Attribute("stroke")!);
        Assert.Equal(["#0072B2", "teal"], strokes);
    }

    [Fact]
    public void Colors_with_markup_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LineChart().AddSeries("s", [1.0], "red\"/><script>"));
        Assert.Equal("color", ex.ParamName);
    }

    [Fact]
    public void Data_is_copied_when_added()
    {
        double[] y = [1, 2, 3];
        var chart = new LineChart().AddSeries("s", y);
        var before = chart.ToSvg();
        y[0] = 100;
        Assert.Equal(before, chart.ToSvg());
    }

    [Fact]
    public void Too_small_canvas_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LineChart().ToSvg(10, 10));
    }

    [Fact]
    public void Scatter_path_has_arrows_and_points()
    {
        var doc = Svg.Parse(Examples.GradientDescent().ToSvg());
        Assert.Equal(2, doc.WithClass("path-series").Count());
        Assert.NotEmpty(doc.WithClass("arrow"));
        Assert.Equal(13, doc.WithClass("series-line").First().Points().Length);
        Assert.Single(doc.WithClass("point-series"));
    }
}
