using System.Globalization;
using System.Text.Json;

namespace DeepMath.Cli.Strd;

/// <summary>One NIST StRD data set as the JSON files in data/nist hold it (values as decimal strings).</summary>
public sealed class NistDataset
{
    /// <summary>NIST's name (Misra1a, Longley, ...).</summary>
    public required string Name { get; init; }

    /// <summary>The file's kind: nonlinear_least_squares, linear_least_squares, univariate, anova.</summary>
    public required string Kind { get; init; }

    /// <summary>NIST's difficulty: Lower, Average or Higher.</summary>
    public required string Difficulty { get; init; }

    /// <summary>The data columns by name (y, x, x1, ...); a column of rows (Longley's x) is flattened row by row.</summary>
    public required IReadOnlyDictionary<string, double[]> Columns { get; init; }

    /// <summary>Values per row of each column (1 for plain columns, 6 for Longley's x).</summary>
    public required IReadOnlyDictionary<string, int> Widths { get; init; }

    /// <summary>Linear sets: polynomial degree (null for a multiple regression), and whether the model has an intercept.</summary>
    public (int? Degree, bool Intercept) Design { get; init; }

    /// <summary>The reference residual standard deviation (linear sets).</summary>
    public double ResidualStandardDeviation { get; init; } = double.NaN;

    /// <summary>Whether the certified residual standard deviation is exactly 0 (an exact fit: Wampler1, Wampler2); standard errors and the residual deviation are then judged by their absolute size, as a reference that is pure rounding noise cannot be matched digit for digit.</summary>
    public bool ExactFit { get; init; }

    /// <summary>The reference R² (linear sets).</summary>
    public double RSquared { get; init; } = double.NaN;

    /// <summary>The two starting vectors (nonlinear sets); empty otherwise.</summary>
    public required IReadOnlyList<double[]> Starts { get; init; }

    /// <summary>The 50-digit reference estimates for the data rounded to doubles (what a double-precision library is judged against).</summary>
    public required double[] Estimates { get; init; }

    /// <summary>The matching reference standard errors.</summary>
    public required double[] StandardErrors { get; init; }

    /// <summary>The matching reference residual sum of squares.</summary>
    public required double ResidualSumOfSquares { get; init; }

    /// <summary>Reads a data set file.</summary>
    /// <exception cref="FormatException">The file is not a NIST StRD JSON file as data/nist holds them (the message names the file and the key).</exception>
    public static NistDataset Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        string Text(JsonElement e, string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()! : throw new FormatException($"{path}: missing text value \"{key}\".");
        double Number(string text, string key) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d : throw new FormatException($"{path}: \"{key}\" has the value '{text}', which is not a number.");
        double[] Numbers(JsonElement e, string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Select(x => Number(x.GetString() ?? "", key))] : throw new FormatException($"{path}: missing list \"{key}\".");

        var data = root.GetProperty("data");
        var columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var widths = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in data.EnumerateObject())
        {
            if (column.Value.ValueKind != JsonValueKind.Array) throw new FormatException($"{path}: data column \"{column.Name}\" is not a list.");
            var rows = column.Value.EnumerateArray().ToList();
            bool nested = rows.Count > 0 && rows[0].ValueKind == JsonValueKind.Array;
            widths[column.Name] = nested ? rows[0].GetArrayLength() : 1;
            columns[column.Name] = nested
                ? [.. rows.SelectMany(row => row.ValueKind == JsonValueKind.Array && row.GetArrayLength() == widths[column.Name]
                    ? row.EnumerateArray() : throw new FormatException($"{path}: rows of \"{column.Name}\" differ in length.")).Select(v => Number(v.GetString() ?? "", column.Name))]
                : [.. rows.Select(v => Number(v.GetString() ?? "", column.Name))];
        }
        var starts = new List<double[]>();
        foreach (var key in new[] { "start1", "start2" })
            if (root.TryGetProperty(key, out _)) starts.Add(Numbers(root, key));
        var reference = root.TryGetProperty("computed_50_digits", out var computed) && computed.TryGetProperty("binary64_data", out var b64)
            ? b64 : root.GetProperty("certified");
        (int? Degree, bool Intercept) design = (null, true);
        if (root.TryGetProperty("design", out var d))
            design = (d.TryGetProperty("degree", out var degree) && degree.ValueKind == JsonValueKind.Number ? degree.GetInt32() : null,
                !d.TryGetProperty("intercept", out var icpt) || icpt.ValueKind != JsonValueKind.False);
        return new NistDataset
        {
            Widths = widths,
            Design = design,
            ResidualStandardDeviation = reference.TryGetProperty("residual_sd", out _) ? Number(Text(reference, "residual_sd"), "residual_sd") : double.NaN,
            ExactFit = root.GetProperty("certified").TryGetProperty("residual_sd", out var certifiedSd) && certifiedSd.ValueKind == JsonValueKind.String
                && Number(certifiedSd.GetString()!, "residual_sd") == 0,
            RSquared = reference.TryGetProperty("r_squared", out _) ? Number(Text(reference, "r_squared"), "r_squared") : double.NaN,
            Name = Text(root, "name"),
            Kind = Text(root, "kind"),
            Difficulty = Text(root, "difficulty"),
            Columns = columns,
            Starts = starts,
            Estimates = reference.TryGetProperty("estimates", out _) ? Numbers(reference, "estimates") : [],
            StandardErrors = reference.TryGetProperty("std_errors", out _) ? Numbers(reference, "std_errors") : [],
            ResidualSumOfSquares = reference.TryGetProperty("residual_ss", out _) ? Number(Text(reference, "residual_ss"), "residual_ss") : double.NaN,
        };
    }

    /// <summary>The log relative error: the number of significant digits <paramref name="computed"/> shares with <paramref name="reference"/> (capped at 15; absolute digits when the reference is 0).</summary>
    public static double Lre(double computed, double reference)
    {
        if (double.IsNaN(computed) || double.IsInfinity(computed)) return 0;
        double error = reference == 0 ? Math.Abs(computed) : Math.Abs(computed - reference) / Math.Abs(reference);
        return error == 0 ? 15 : Math.Clamp(-Math.Log10(error), 0, 15);
    }
}
