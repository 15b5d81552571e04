namespace DeepMath.Plotting;

/// <summary>
/// Contour lines of a sampled surface by marching squares: in each grid cell, the level crosses the
/// edges whose corner values straddle it, at linearly interpolated points; the two saddle cases are
/// resolved by the cell's centre value. Cells with a non-finite corner are skipped.
/// </summary>
internal static class MarchingSquares
{
    /// <summary>Line segments of the level set f = <paramref name="level"/>, in fractional grid coordinates (column, row).</summary>
    public static List<((double X, double Y) A, (double X, double Y) B)> Segments(double[,] grid, double level)
    {
        int rows = grid.GetLength(0), columns = grid.GetLength(1);
        var segments = new List<((double, double), (double, double))>();
        for (int i = 0; i + 1 < rows; i++)
        {
            for (int j = 0; j + 1 < columns; j++)
            {
                double v00 = grid[i, j], v01 = grid[i, j + 1], v11 = grid[i + 1, j + 1], v10 = grid[i + 1, j];
                if (!double.IsFinite(v00) || !double.IsFinite(v01) || !double.IsFinite(v11) || !double.IsFinite(v10)) continue;
                int index = (v00 > level ? 1 : 0) | (v01 > level ? 2 : 0) | (v11 > level ? 4 : 0) | (v10 > level ? 8 : 0);
                if (index is 0 or 15) continue;
                // Edge crossings: bottom (row i), right (column j+1), top (row i+1), left (column j).
                (double, double) Bottom() => (j + Fraction(v00, v01, level), i);
                (double, double) Right() => (j + 1, i + Fraction(v01, v11, level));
                (double, double) Top() => (j + Fraction(v10, v11, level), i + 1);
                (double, double) Left() => (j, i + Fraction(v00, v10, level));
                bool centreAbove = (v00 + v01 + v11 + v10) / 4 > level;
                switch (index)
                {
                    case 1: case 14: segments.Add((Left(), Bottom())); break;
                    case 2: case 13: segments.Add((Bottom(), Right())); break;
                    case 3: case 12: segments.Add((Left(), Right())); break;
                    case 4: case 11: segments.Add((Right(), Top())); break;
                    case 6: case 9: segments.Add((Bottom(), Top())); break;
                    case 7: case 8: segments.Add((Left(), Top())); break;
                    case 5:
                        // Corners 00 and 11 above: joined through the centre when it is above too.
                        if (centreAbove) { segments.Add((Left(), Top())); segments.Add((Bottom(), Right())); }
                        else { segments.Add((Left(), Bottom())); segments.Add((Right(), Top())); }
                        break;
                    case 10:
                        if (centreAbove) { segments.Add((Left(), Bottom())); segments.Add((Right(), Top())); }
                        else { segments.Add((Left(), Top())); segments.Add((Bottom(), Right())); }
                        break;
                }
            }
        }
        return segments;
    }

    private static double Fraction(double a, double b, double level) => a == b ? 0.5 : Math.Clamp((level - a) / (b - a), 0, 1);
}
