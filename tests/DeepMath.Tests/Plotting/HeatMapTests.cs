using Xunit;
using System.Globalization;

using DeepMath.Plotting;

namespace DeepMath.Tests.Plotting;

public class HeatMapTests
{
    [Fact]
    public void One_rect_per_cell_and_cell_text_equals_the_values()
    {
        var counts = Examples.FashionCounts();
        var doc = Svg.Parse(Examples.Confusion().ToSvg());

        Assert.Equal(100, doc.WithClass("cell").Count());
        var texts = doc.WithClass("cell-value").Select(t => t.Value).ToArray();
        var expected = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            for (var j = 0; j < 10; j++)
            {
                expected.Add(counts[i, j].ToString(CultureInfo.InvariantCulture));
            }
        }

        Assert.Equal(expected, texts);
    }

    [Fact]
    public void Non_integers_get_short_labels_and_nan_cells_get_none()
    {
        var map = new HeatMap(new[,] { { 0.123456, double.NaN }, { 2.5, 1234.5678 } }, ["a", "b"], ["c", "d"]);
        var doc = Svg.Parse(map.ToSvg());

        Assert.Equal(4, doc.WithClass("cell").Count());
        Assert.Equal(["0.123", "2.5", "1235"], doc.WithClass("cell-value").Select(t => t.Value));
    }

    [Fact]
    public void Dark_cells_get_white_text_and_light_cells_dark_text()
    {
        var doc = Svg.Parse(new HeatMap(new double[,] { { 0, 100 } }, ["r"], ["lo", "hi"]).ToSvg());
        var fills = doc.WithClass("cell-value").Select(t => (string)t.Attribute("fill")!).ToArray();
        Assert.Equal(["#1a1a1a", "#ffffff"], fills);
    }

    [Fact]
    public void Normalize_shows_row_percentages()
    {
        var map = new HeatMap(new double[,] { { 3, 1 }, { 0, 0 } }, ["a", "b"], ["a", "b"]) { Normalize = true };
        var doc = Svg.Parse(map.ToSvg());

        // The all-zero row has no fractions, so it shows no numbers.
        Assert.Equal(["75%", "25%"], doc.WithClass("cell-value").Select(t => t.Value));
        Assert.Contains("100%", doc.WithClass("color-bar-label").Select(t => t.Value));
    }

    [Fact]
    public void Color_bar_labels_min_max_and_nice_values_between()
    {
        var labels = Svg.Parse(Examples.Confusion().ToSvg()).WithClass("color-bar-label").Select(t => t.Value).ToArray();
        Assert.Equal("0", labels[0]);
        Assert.Equal("975", labels[^1]);
        Assert.All(labels[1..^1], l => Assert.EndsWith("00", l));
    }

    [Fact]
    public void Dimension_mismatch_throws()
    {
        var values = new double[2, 3];
        var rows = Assert.Throws<ArgumentException>(() => new HeatMap(values, ["a"], ["x", "y", "z"]));
        Assert.Contains("2 rows", rows.Message);
        Assert.Throws<ArgumentException>(() => new HeatMap(values, ["a", "b"], ["x", "y"]));
        Assert.Throws<ArgumentException>(() => new HeatMap(new double[0, 0], [], []));
        Assert.Throws<ArgumentException>(() => HeatMap.ConfusionMatrix(new int[2, 3], ["a", "b"]));
    }

    [Fact]
    public void Long_column_labels_are_rotated_and_stay_on_the_canvas()
    {
        var doc = Svg.Parse(Examples.Confusion().ToSvg());
        var labels = doc.WithClass("column-label").ToArray();

        Assert.All(labels, l => Assert.StartsWith("rotate(-45", (string?)l.Attribute("transform")));
        // The down-left extent of the first rotated label must stay right of the canvas edge.
        var first = labels[0];
        var extent = TextMetrics.Width(first.Value, first.Num("font-size")) * 0.7071;
        Assert.True(first.Num("x") - extent >= 0);
        Assert.All(doc.WithClass("row-label"), r =>
            Assert.True(r.Num("x") - TextMetrics.Width(r.Value, r.Num("font-size")) >= 0));
    }

    [Fact]
    public void Short_column_labels_stay_horizontal()
    {
        var doc = Svg.Parse(new HeatMap(new double[,] { { 1, 2 }, { 3, 4 } }, ["a", "b"], ["c", "d"]).ToSvg());
        Assert.All(doc.WithClass("column-label"), l => Assert.Null(l.Attribute("transform")));
    }
}
