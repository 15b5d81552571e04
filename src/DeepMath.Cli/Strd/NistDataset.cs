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

    /// <summary>The data columns by name (y, x, x1, ...).</summary>
    public required IReadOnlyDictionary<string, double[]> Columns { get; init; }

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
        var columns = data.EnumerateObject().ToDictionary(p => p.Name, p => Numbers(data, p.Name));
        var starts = new List<double[]>();
        foreach (var key in new[] { "start1", "start2" })
            if (root.TryGetProperty(key, out _)) starts.Add(Numbers(root, key));
        var reference = root.TryGetProperty("computed_50_digits", out var computed) && computed.TryGetProperty("binary64_data", out var b64)
            ? b64 : root.GetProperty("certified");
        return new NistDataset
        {
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
