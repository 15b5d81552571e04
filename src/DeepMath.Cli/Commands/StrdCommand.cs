using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DeepMath.Cli.Strd;

namespace DeepMath.Cli.Commands;

/// <summary>
/// <c>deepmath strd</c>: runs the NIST Statistical Reference Datasets the library can handle (today the
/// 11 linear regressions and the 27 nonlinear ones, each from both starts) and prints the log relative
/// error of each result.
/// </summary>
public static class StrdCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Folder with the NIST StRD JSON files (the repository's data/nist).", DefaultValueFactory = _ => Path.Combine("data", "nist") };
        var set = new Option<string?>("--set") { Description = "Run only this data set (for example MGH09)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line (dataset, kind, difficulty, start, min_lre, converged, iterations, lre of each quantity)." };
        var command = new Command("strd", "Check accuracy on the NIST StRD reference data sets: digits agreeing with the certified results (LRE).") { data, set, json };
        command.SetAction(result => Run(result.GetValue(data)!, result.GetValue(set), result.GetValue(json), result.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string folder, string? only, bool json, TextWriter output)
    {
        if (!Directory.Exists(folder))
            throw new UsageException($"--data {folder}: no such folder; pass the folder holding the NIST StRD JSON files (the repository's data/nist).");
        var names = LinearStrd.Names.Concat(NistNonlinearModels.ByName.Keys.Order(StringComparer.Ordinal)).ToList();
        if (only is not null)
        {
            var match = names.FirstOrDefault(n => n.Equals(only, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--set {only}: not a data set this command runs; it runs {string.Join(", ", names)}.");
            names = [match];
        }
        if (!json) output.WriteLine($"{"dataset",-10} {"kind",-10} {"difficulty",-10} {"start",5} {"min LRE",8} {"converged",10} {"iterations",10}");
        foreach (var name in names)
        {
            string path = Path.Combine(folder, name + ".json");
            if (!File.Exists(path)) throw new FileNotFoundException($"{path}: missing; --data must name the folder holding the NIST StRD JSON files.", path);
            var dataset = NistDataset.Load(path);
            if (LinearStrd.Names.Contains(dataset.Name))
            {
                var l = LinearStrd.Run(dataset);
                if (json)
                {
                    output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["dataset"] = l.Dataset, ["kind"] = "linear", ["difficulty"] = l.Difficulty, ["min_lre"] = Math.Round(l.MinLre, 2),
                        ["estimates_lre"] = l.EstimateLre.Select(v => Math.Round(v, 2)).ToArray(),
                        ["std_errors_lre"] = l.StandardErrorLre.Select(v => Math.Round(v, 2)).ToArray(),
                        ["residual_sd_lre"] = Math.Round(l.ResidualStandardDeviationLre, 2), ["r_squared_lre"] = Math.Round(l.RSquaredLre, 2),
                    }, CliJson.Default.DictionaryStringObject));
                }
                else
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{l.Dataset,-10} {"linear",-10} {l.Difficulty,-10} {"",5} {l.MinLre,8:F1} {"",10} {"",10}"));
                }
                continue;
            }
            for (int start = 1; start <= dataset.Starts.Count; start++)
            {
                var r = NonlinearStrd.Run(dataset, start);
                if (json)
                {
                    var line = new Dictionary<string, object>
                    {
                        ["dataset"] = r.Dataset,
                        ["kind"] = "nonlinear",
                        ["difficulty"] = r.Difficulty,
                        ["start"] = r.Start,
                        ["min_lre"] = Math.Round(r.MinLre, 2),
                        ["converged"] = r.Converged,
                        ["iterations"] = r.Iterations,
                        ["estimates_lre"] = r.EstimateLre.Select(v => Math.Round(v, 2)).ToArray(),
                        ["std_errors_lre"] = r.StandardErrorLre.Select(v => Math.Round(v, 2)).ToArray(),
                        ["residual_ss_lre"] = Math.Round(r.ResidualSumOfSquaresLre, 2),
                    };
                    output.WriteLine(JsonSerializer.Serialize(line, CliJson.Default.DictionaryStringObject));
                }
                else
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{r.Dataset,-10} {"nonlinear",-10} {r.Difficulty,-10} {r.Start,5} {r.MinLre,8:F1} {(r.Converged ? "yes" : "no"),10} {r.Iterations,10}"));
                }
            }
        }
        return 0;
    }
}
