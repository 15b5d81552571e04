using Xunit;
using System.Globalization;
using System.Xml.Linq;

using DeepMath.Plotting;

namespace DeepMath.Tests.Plotting;

public class WellFormedTests
{
    public static TheoryData<string> ExampleNames() => [.. Examples.All().Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public void Example_is_well_formed_svg_with_viewbox_font_and_white_background(string name)
    {
        var svg = Examples.All().Single(e => e.Name == name).Svg();
        var root = Svg.Parse(svg).Root!;

        Assert.Equal(Svg.Ns + "svg", root.Name);
        Assert.Matches(@"^0 0 \d+ \d+$", (string?)root.Attribute("viewBox"));
        Assert.Contains("sans-serif", (string?)root.Attribute("font-family"));
        Assert.NotNull(root.Attribute("font-size"));
        var background = root.Elements(Svg.Ns + "rect").First();
        Assert.Equal("#ffffff", (string?)background.Attribute("fill"));
        Assert.DoesNotContain("E+", svg, StringComparison.Ordinal);

        // PLOTTING_OUT=/some/folder keeps the examples for rendering and inspection.
        if (Environment.GetEnvironmentVariable("PLOTTING_OUT") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, name + ".svg"), svg);
        }
    }

    [Fact]
    public void Awkward_text_round_trips_through_the_xml_parser()
    {
        var chart = Examples.Awkward();
        var doc = Svg.Parse(chart.ToSvg());

        Assert.Equal(chart.Title, doc.WithClass("title").Single().Value);
        Assert.Equal(chart.Title, doc.Root!.Element(Svg.Ns + "title")!.Value);
        var axisLabels = doc.WithClass("axis-label").Select(e => e.Value).ToArray();
        Assert.Contains("x < y & z", axisLabels);
        Assert.Contains("f(x) → \"out\"", axisLabels);
        var legend = doc.WithClass("legend-label").Select(e => e.Value).ToArray();
        Assert.Equal(["a&b <c>", "\"quoted\" 'name'"], legend);
    }

    [Fact]
    public void Control_characters_and_lone_surrogates_are_replaced_not_emitted()
    {
        var chart = new LineChart { Title = "bell\u0007 and \ud800 lone" };
        var doc = Svg.Parse(chart.ToSvg());
        Assert.Equal("bell\ufffd and \ufffd lone", doc.WithClass("title").Single().Value);
    }

    [Fact]
    public void Escape_handles_markup_characters_and_keeps_surrogate_pairs()
    {
        Assert.Equal("a&lt;b&gt;&amp;c&quot;d&apos;e 😀", SvgWriter.Escape("a<b>&c\"d'e 😀"));
        Assert.Equal("", SvgWriter.Escape(null));
    }

    [Fact]
    public void Numbers_use_invariant_culture_and_few_digits()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // Invariant globalization has no named cultures; a comma decimal separator makes the same point.
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("1.23", SvgWriter.Num(1.23456));
            Assert.Equal("0", SvgWriter.Num(-0.0001));
            Assert.Equal("0", SvgWriter.Num(double.NaN));
            Assert.Equal("10000000", SvgWriter.Num(1e300));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Heat_map_with_awkward_labels_is_well_formed()
    {
        var map = new HeatMap(new double[,] { { 1, 2 }, { 3, 4 } }, ["<a>", "b & c"], ["\"d\"", "ü'e"])
        {
            Title = "T <&> \"q\"",
            RowAxisTitle = "rows & <cols>",
            ColumnAxisTitle = "ünïcödé",
        };
        var doc = Svg.Parse(map.ToSvg());
        Assert.Equal(["<a>", "b & c"], doc.WithClass("row-label").Select(e => e.Value));
        Assert.Equal(["\"d\"", "ü'e"], doc.WithClass("column-label").Select(e => e.Value));
        Assert.Equal("T <&> \"q\"", doc.WithClass("title").Single().Value);
        _ = XDocument.Parse(map.ToSvg(200, 150));
    }
}
