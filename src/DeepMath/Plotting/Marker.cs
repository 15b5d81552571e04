namespace DeepMath.Plotting;

/// <summary>Draws point markers whose shape varies by series, so series differ by more than color.</summary>
internal static class Marker
{
    private const int ShapeCount = 5;

    /// <summary>Draws the marker of shape <paramref name="shape"/> (cycled) centered at (x, y).</summary>
    public static void Draw(SvgWriter svg, int shape, double x, double y, double radius, string color,
        string? cssClass = "marker")
    {
        var r = radius;
        switch (shape % ShapeCount)
        {
            case 0:
                svg.Circle(x, y, r, color, "#ffffff", cssClass);
                break;
            case 1:
                r *= 0.9;
                svg.Polygon([(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)], color, "#ffffff", cssClass);
                break;
            case 2:
                r *= 1.25;
                svg.Polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], color, "#ffffff", cssClass);
                break;
            case 3:
                r *= 1.2;
                svg.Polygon([(x, y - r), (x + r, y + (r * 0.8)), (x - r, y + (r * 0.8))], color, "#ffffff", cssClass);
                break;
            default:
                r *= 1.2;
                svg.Polygon([(x, y + r), (x + r, y - (r * 0.8)), (x - r, y - (r * 0.8))], color, "#ffffff", cssClass);
                break;
        }
    }

    /// <summary>Draws a filled arrow head with its tip at (x, y), pointing along (dx, dy).</summary>
    public static void Arrow(SvgWriter svg, double x, double y, double dx, double dy, double size, string color)
    {
        var length = Math.Sqrt((dx * dx) + (dy * dy));
        if (length == 0)
        {
            return;
        }

        var (ux, uy) = (dx / length, dy / length);
        var (bx, by) = (x - (ux * size), y - (uy * size));
        var half = size * 0.5;
        svg.Polygon([(x, y), (bx - (uy * half), by + (ux * half)), (bx + (uy * half), by - (ux * half))], color,
            cssClass: "arrow");
    }
}
