using System.Globalization;
using System.Text;

namespace DeepMath.Plotting;

/// <summary>Horizontal anchoring of SVG text relative to its x coordinate.</summary>
internal enum TextAnchor
{
    Start,
    Middle,
    End,
}

/// <summary>
/// Builds SVG markup. Every text and attribute value passes through <see cref="Escape"/>, and every
/// number through <see cref="Num"/>, so callers never format or escape by hand.
/// </summary>
internal sealed class SvgWriter
{
    /// <summary>Font stack; rsvg and browsers fall back to the system sans-serif.</summary>
    public const string FontFamily = "Helvetica, Arial, DejaVu Sans, sans-serif";

    private readonly StringBuilder _sb = new();
    private bool _closed;

    /// <summary>Opens the document with a viewBox, a white background and the default font.</summary>
    public SvgWriter(int width, int height, double fontSize, string? title)
    {
        _sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
            .Append(" width=\"").Append(width.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(height.ToString(CultureInfo.InvariantCulture))
            .Append("\" viewBox=\"0 0 ").Append(width.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(height.ToString(CultureInfo.InvariantCulture))
            .Append("\" font-family=\"").Append(Escape(FontFamily))
            .Append("\" font-size=\"").Append(Num(fontSize)).Append("\">\n");
        if (!string.IsNullOrEmpty(title))
        {
            // <title> lets screen readers and browser tooltips name the chart.
            _sb.Append("<title>").Append(Escape(title)).Append("</title>\n");
        }

        Rect(0, 0, width, height, "#ffffff");
    }

    /// <summary>Formats a coordinate or size: invariant culture, at most two decimals.</summary>
    public static string Num(double value)
    {
        // Clamp so a wild value cannot print hundreds of digits; anything this large is off-canvas anyway.
        var v = double.IsFinite(value) ? Math.Clamp(value, -1e7, 1e7) : 0;
        var s = v.ToString("0.##", CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }

    /// <summary>
    /// Escapes text for element content or a double-quoted attribute. Characters that XML 1.0 cannot
    /// carry at all (control characters, unpaired surrogates) become U+FFFD.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                case '\t' or '\n' or '\r': sb.Append(' '); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if (c < 0x20 || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Appends raw markup that the caller has already escaped (defs, group tags).</summary>
    public SvgWriter Raw(string markup)
    {
        _sb.Append(markup).Append('\n');
        return this;
    }

    /// <summary>Opens a group with an optional class and clip path.</summary>
    public SvgWriter BeginGroup(string? cssClass = null, string? clipPathId = null)
    {
        _sb.Append("<g");
        Attr("class", cssClass);
        if (clipPathId is not null)
        {
            Attr("clip-path", $"url(#{clipPathId})");
        }

        _sb.Append(">\n");
        return this;
    }

    /// <summary>Closes the innermost group.</summary>
    public SvgWriter EndGroup() => Raw("</g>");

    /// <summary>Declares a rectangular clip path.</summary>
    public SvgWriter ClipRect(string id, double x, double y, double width, double height)
    {
        _sb.Append("<defs><clipPath id=\"").Append(Escape(id)).Append("\"><rect x=\"").Append(Num(x))
            .Append("\" y=\"").Append(Num(y)).Append("\" width=\"").Append(Num(width))
            .Append("\" height=\"").Append(Num(height)).Append("\"/></clipPath></defs>\n");
        return this;
    }

    /// <summary>Declares a bottom-to-top linear gradient (offsets in [0, 1]) for color bars.</summary>
    public SvgWriter VerticalGradient(string id, IReadOnlyList<(double Offset, string Color)> stops)
    {
        _sb.Append("<defs><linearGradient id=\"").Append(Escape(id))
            .Append("\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">");
        foreach (var (offset, color) in stops)
        {
            _sb.Append("<stop offset=\"").Append(Num(offset)).Append("\" stop-color=\"").Append(Escape(color))
                .Append("\"/>");
        }

        _sb.Append("</linearGradient></defs>\n");
        return this;
    }

    /// <summary>Appends a rectangle.</summary>
    public SvgWriter Rect(double x, double y, double width, double height, string? fill,
        string? stroke = null, double strokeWidth = 1, string? cssClass = null, double rx = 0)
    {
        _sb.Append("<rect");
        Attr("class", cssClass);
        Attr("x", x).Attr("y", y).Attr("width", Math.Max(0, width)).Attr("height", Math.Max(0, height));
        if (rx > 0)
        {
            Attr("rx", rx);
        }

        Attr("fill", fill ?? "none");
        if (stroke is not null)
        {
            Attr("stroke", stroke).Attr("stroke-width", strokeWidth);
        }

        _sb.Append("/>\n");
        return this;
    }

    /// <summary>Appends a straight line.</summary>
    public SvgWriter Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1,
        string? dash = null)
    {
        _sb.Append("<line");
        Attr("x1", x1).Attr("y1", y1).Attr("x2", x2).Attr("y2", y2);
        Attr("stroke", stroke).Attr("stroke-width", strokeWidth);
        Attr("stroke-dasharray", dash);
        _sb.Append("/>\n");
        return this;
    }

    /// <summary>Appends an open polyline through the given pixel points.</summary>
    public SvgWriter Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double strokeWidth,
        string? cssClass = null, string? dash = null)
    {
        _sb.Append("<polyline");
        Attr("class", cssClass);
        Points(points);
        Attr("fill", "none").Attr("stroke", stroke).Attr("stroke-width", strokeWidth);
        Attr("stroke-linejoin", "round").Attr("stroke-linecap", "round");
        Attr("stroke-dasharray", dash);
        _sb.Append("/>\n");
        return this;
    }

    /// <summary>The points attribute: "x,y x,y ...".</summary>
    private void Points(IReadOnlyList<(double X, double Y)> points)
    {
        _sb.Append(" points=\"");
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0) _sb.Append(' ');
            _sb.Append(Num(points[i].X)).Append(',').Append(Num(points[i].Y));
        }
        _sb.Append('"');
    }

    /// <summary>Appends a closed polygon (markers, arrow heads).</summary>
    public SvgWriter Polygon(IReadOnlyList<(double X, double Y)> points, string fill, string? stroke = null,
        string? cssClass = null)
    {
        _sb.Append("<polygon");
        Attr("class", cssClass);
        Points(points);
        Attr("fill", fill);
        if (stroke is not null)
        {
            Attr("stroke", stroke).Attr("stroke-width", 1);
        }

        _sb.Append("/>\n");
        return this;
    }

    /// <summary>Appends a circle.</summary>
    public SvgWriter Circle(double cx, double cy, double r, string fill, string? stroke = null,
        string? cssClass = null)
    {
        _sb.Append("<circle");
        Attr("class", cssClass);
        Attr("cx", cx).Attr("cy", cy).Attr("r", r).Attr("fill", fill);
        if (stroke is not null)
        {
            Attr("stroke", stroke).Attr("stroke-width", 1);
        }

        _sb.Append("/>\n");
        return this;
    }

    /// <summary>
    /// Appends text whose baseline sits at <paramref name="y"/>; <paramref name="rotate"/> (degrees)
    /// turns it about its anchor point.
    /// </summary>
    public SvgWriter Text(double x, double y, string text, TextAnchor anchor = TextAnchor.Start,
        double? fontSize = null, string? fill = null, bool bold = false, double rotate = 0,
        string? cssClass = null)
    {
        _sb.Append("<text");
        Attr("class", cssClass);
        Attr("x", x).Attr("y", y);
        if (anchor != TextAnchor.Start)
        {
            Attr("text-anchor", anchor == TextAnchor.Middle ? "middle" : "end");
        }

        if (fontSize is { } size)
        {
            Attr("font-size", size);
        }

        Attr("fill", fill);
        if (bold)
        {
            Attr("font-weight", "bold");
        }

        if (rotate != 0)
        {
            Attr("transform", $"rotate({Num(rotate)} {Num(x)} {Num(y)})");
        }

        _sb.Append('>').Append(Escape(text)).Append("</text>\n");
        return this;
    }

    /// <summary>Closes the document and returns its text; the writer cannot be used afterwards.</summary>
    public string Finish()
    {
        if (!_closed)
        {
            _sb.Append("</svg>\n");
            _closed = true;
        }

        return _sb.ToString();
    }

    private SvgWriter Attr(string name, string? value)
    {
        if (value is not null)
        {
            _sb.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
        }

        return this;
    }

    private SvgWriter Attr(string name, double value)
    {
        _sb.Append(' ').Append(name).Append("=\"").Append(Num(value)).Append('"');
        return this;
    }
}
