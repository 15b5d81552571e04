namespace DeepMath.Plotting;

/// <summary>An axis-aligned rectangle in SVG pixel coordinates (y grows downwards).</summary>
internal readonly record struct PixelRect(double Left, double Top, double Width, double Height)
{
    /// <summary>Right edge.</summary>
    public double Right => Left + Width;

    /// <summary>Bottom edge.</summary>
    public double Bottom => Top + Height;

    /// <summary>The rectangle grown by <paramref name="margin"/> on every side.</summary>
    public PixelRect Inflate(double margin) =>
        new(Left - margin, Top - margin, Width + (2 * margin), Height + (2 * margin));

    /// <summary>Whether the point lies inside or on the edge.</summary>
    public bool Contains(double x, double y) => x >= Left && x <= Right && y >= Top && y <= Bottom;

    /// <summary>Whether the segment from (x0, y0) to (x1, y1) touches the rectangle (Liang-Barsky clipping).</summary>
    public bool Intersects(double x0, double y0, double x1, double y1)
    {
        double t0 = 0, t1 = 1;
        var dx = x1 - x0;
        var dy = y1 - y0;
        return Clip(-dx, x0 - Left, ref t0, ref t1) && Clip(dx, Right - x0, ref t0, ref t1)
            && Clip(-dy, y0 - Top, ref t0, ref t1) && Clip(dy, Bottom - y0, ref t0, ref t1);
    }

    private static bool Clip(double p, double q, ref double t0, ref double t1)
    {
        if (p == 0)
        {
            return q >= 0;
        }

        var t = q / p;
        if (p < 0)
        {
            if (t > t1)
            {
                return false;
            }

            t0 = Math.Max(t0, t);
        }
        else
        {
            if (t < t0)
            {
                return false;
            }

            t1 = Math.Min(t1, t);
        }

        return true;
    }
}
