using DeepMath.Data;

namespace DeepMath.Plotting;

/// <summary>
/// A matrix drawn as colored cells, each annotated with its value, for confusion matrices and the
/// like. The color scale runs from light (small) to dark (large); a color bar shows the range.
/// </summary>
public sealed class HeatMap
{
    private readonly double[,] _values;
    private readonly string[] _rowLabels;
    private readonly string[] _columnLabels;

    /// <summary>Creates a heat map of <paramref name="values"/> (copied), row by row.</summary>
    /// <param name="values">The matrix; NaN cells are drawn grey without a number.</param>
    /// <param name="rowLabels">One label per row.</param>
    /// <param name="columnLabels">One label per column.</param>
    /// <exception cref="ArgumentException">The matrix is empty or a label list does not match its size.</exception>
    public HeatMap(double[,] values, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rowLabels);
        ArgumentNullException.ThrowIfNull(columnLabels);
        int rows = values.GetLength(0), columns = values.GetLength(1);
        if (rows == 0 || columns == 0)
        {
            throw new ArgumentException($"The matrix is {rows}x{columns}; it needs at least one cell.", nameof(values));
        }

        if (rowLabels.Count != rows)
        {
            throw new ArgumentException(
                $"The matrix has {rows} rows but {rowLabels.Count} row labels were given.", nameof(rowLabels));
        }

        if (columnLabels.Count != columns)
        {
            throw new ArgumentException(
                $"The matrix has {columns} columns but {columnLabels.Count} column labels were given.",
                nameof(columnLabels));
        }

        _values = (double[,])values.Clone();
        _rowLabels = [.. rowLabels.Select(l => l ?? "")];
        _columnLabels = [.. columnLabels.Select(l => l ?? "")];
    }

    /// <summary>Chart title shown above the matrix; empty for none.</summary>
    public string Title { get; set; } = "";

    /// <summary>Title of the row axis, e.g. "true class"; empty for none.</summary>
    public string RowAxisTitle { get; set; } = "";

    /// <summary>Title of the column axis, e.g. "predicted class"; empty for none.</summary>
    public string ColumnAxisTitle { get; set; } = "";

    /// <summary>
    /// When true each row is divided by its sum and cells show percentages (per-class recall for a
    /// confusion matrix); a row summing to zero shows no numbers.
    /// </summary>
    public bool Normalize { get; set; }

    /// <summary>Number of rows.</summary>
    public int RowCount => _values.GetLength(0);

    /// <summary>Number of columns.</summary>
    public int ColumnCount => _values.GetLength(1);

    internal IReadOnlyList<string> RowLabels => _rowLabels;

    internal IReadOnlyList<string> ColumnLabels => _columnLabels;

    /// <summary>
    /// A confusion matrix of counts: rows are true classes, columns predicted classes, titled
    /// accordingly.
    /// </summary>
    /// <param name="counts">counts[t, p] = number of samples of class t predicted as p.</param>
    /// <param name="classNames">One name per class, used for rows and columns.</param>
    /// <exception cref="ArgumentException">The matrix is not square or the names do not match its size.</exception>
    public static HeatMap ConfusionMatrix(int[,] counts, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.GetLength(0) != counts.GetLength(1))
        {
            throw new ArgumentException(
                $"A confusion matrix is square; this one is {counts.GetLength(0)}x{counts.GetLength(1)}.", nameof(counts));
        }

        var values = new double[counts.GetLength(0), counts.GetLength(1)];
        for (var i = 0; i < values.GetLength(0); i++)
        {
            for (var j = 0; j < values.GetLength(1); j++)
            {
                values[i, j] = counts[i, j];
            }
        }

        return new HeatMap(values, classNames, classNames)
        {
            Title = "Confusion matrix",
            RowAxisTitle = "true class",
            ColumnAxisTitle = "predicted class",
        };
    }

    /// <summary>Renders the heat map as an SVG document.</summary>
    /// <param name="width">Width in pixels, at least 200.</param>
    /// <param name="height">Height in pixels, at least 150.</param>
    public string ToSvg(int width = 720, int height = 640) => HeatMapRenderer.Render(this, width, height);

    /// <summary>Writes the SVG to <paramref name="path"/> atomically (temporary file, flush, rename).</summary>
    /// <param name="path">Target file; an existing file is replaced.</param>
    /// <param name="width">Width in pixels, at least 200.</param>
    /// <param name="height">Height in pixels, at least 150.</param>
    public void Save(string path, int width = 720, int height = 640) =>
        AtomicFile.WriteAllText(path, ToSvg(width, height));

    /// <summary>The values as shown: row fractions when <see cref="Normalize"/> is set, else a copy.</summary>
    internal double[,] DisplayValues()
    {
        var shown = (double[,])_values.Clone();
        if (!Normalize)
        {
            return shown;
        }

        for (var i = 0; i < RowCount; i++)
        {
            double sum = 0;
            for (var j = 0; j < ColumnCount; j++)
            {
                sum += double.IsFinite(_values[i, j]) ? _values[i, j] : 0;
            }

            for (var j = 0; j < ColumnCount; j++)
            {
                shown[i, j] = sum != 0 ? _values[i, j] / sum : double.NaN;
            }
        }

        return shown;
    }
}
