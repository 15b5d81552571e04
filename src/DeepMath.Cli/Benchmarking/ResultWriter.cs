using System.Globalization;
using System.Text.Json;

namespace DeepMath.Cli.Benchmarking;

/// <summary>Prints benchmark rows as a table or as JSON lines (the peer scripts' schema), optionally appending them to a file.</summary>
public sealed class ResultWriter(TextWriter output, bool json, string? appendTo)
{
    /// <summary>Emits one measurement row.</summary>
    public void Emit(Dictionary<string, object> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        row["ts"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        row["run_id"] = Environment.GetEnvironmentVariable("RUN_ID") ?? "";
        string line = JsonSerializer.Serialize(row, CliJson.Default.DictionaryStringObject);
        if (appendTo is not null) File.AppendAllText(appendTo, line + "\n");
        if (json)
        {
            output.WriteLine(line);
            return;
        }
        output.WriteLine(string.Join("  ", row.Where(kv => kv.Key is not ("ts" or "run_id"))
            .Select(kv => $"{kv.Key}={Format(kv.Value)}")));
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString(Math.Abs(d) >= 100 ? "F1" : "G4", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
