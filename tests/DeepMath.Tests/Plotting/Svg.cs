using Xunit;
using System.Globalization;
using System.Xml.Linq;

using DeepMath.Plotting;

namespace DeepMath.Tests.Plotting;

/// <summary>Helpers for inspecting generated SVG.</summary>
internal static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XDocument Parse(string svg) => XDocument.Parse(svg);

    public static IEnumerable<XElement> WithClass(this XDocument doc, string cssClass) =>
        doc.Descendants().Where(e => (string?)e.Attribute("class") == cssClass);

    public static IEnumerable<XElement> InGroup(this XDocument doc, string groupClass, string element) =>
        doc.WithClass(groupClass).SelectMany(g => g.Descendants(Ns + element));

    public static double Num(this XElement e, string attribute) =>
        double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    public static (double X, double Y)[] Points(this XElement polyline) =>
        [.. ((string)polyline.Attribute("points")!).Split(' ').Select(p =>
        {
            var xy = p.Split(',');
            return (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture));
        })];

    /// <summary>The plot rectangle as (left, top, right, bottom).</summary>
    public static (double Left, double Top, double Right, double Bottom) PlotArea(this XDocument doc)
    {
        var r = doc.WithClass("plot-area").Single();
        return (r.Num("x"), r.Num("y"), r.Num("x") + r.Num("width"), r.Num("y") + r.Num("height"));
    }
}
