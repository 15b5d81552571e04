using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DeepMath.Autodiff;
using DeepMath.Optimization.Minimizers;
using DeepMath.Optimization.TestFunctions;
using DeepMath.Plotting;
using DeepMath.Tensors;

namespace DeepMath.Cli.Commands;

/// <summary>
/// <c>deepmath optimize</c>: minimizes one of the classic test functions with a chosen method and draws
/// the path of the iterates on the function's contour plot.
/// </summary>
public static class OptimizeCommand
{
    private static readonly Dictionary<string, MinimizeMethod> MethodNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bfgs"] = MinimizeMethod.Bfgs, ["lbfgs"] = MinimizeMethod.LBfgs, ["cg"] = MinimizeMethod.ConjugateGradientPolakRibiere,
        ["cg-fr"] = MinimizeMethod.ConjugateGradientFletcherReeves, ["newton-cg"] = MinimizeMethod.NewtonCg,
        ["trust-ncg"] = MinimizeMethod.TrustRegionNewton, ["nelder-mead"] = MinimizeMethod.NelderMead, ["powell"] = MinimizeMethod.Powell,
        ["gd"] = MinimizeMethod.GradientDescent,
    };

    /// <summary>The command-line name of each test function (its name in lower case with dashes).</summary>
    public static string Key(TestFunction function) => function.Name.ToLowerInvariant().Replace(' ', '-');

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var names = TestFunctionLibrary.All.Select(Key).ToArray();
        var function = new Option<string>("--function") { Description = $"Test function: {string.Join(", ", names)}.", DefaultValueFactory = _ => "rosenbrock" };
        var method = new Option<string>("--method") { Description = $"Method: {string.Join(", ", MethodNames.Keys)}.", DefaultValueFactory = _ => "bfgs" };
        var start = new Option<string?>("--start") { Description = "Starting point as comma-separated numbers (default: the function's standard start)." };
        var rate = new Option<double>("--lr") { Description = "Learning rate for gd.", DefaultValueFactory = _ => 1e-3 };
        var momentum = new Option<double>("--momentum") { Description = "Momentum for gd (0 = none).", DefaultValueFactory = _ => 0 };
        var nesterov = new Option<bool>("--nesterov") { Description = "Nesterov's look-ahead for gd (needs --momentum)." };
        var tolerance = new Option<double>("--gtol") { Description = "Gradient tolerance.", DefaultValueFactory = _ => 1e-5 };
        var maxIterations = new Option<int?>("--max-iterations") { Description = "Iteration cap (default: the method's)." };
        var plot = new Option<string?>("--plot") { Description = "Write the contour plot with the path of the iterates to this SVG file (two-variable functions)." };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
        var command = new Command("optimize", "Minimize a classic test function and draw the optimizer's path on its contours.")
            { function, method, start, rate, momentum, nesterov, tolerance, maxIterations, plot, json };
        command.SetAction(result =>
        {
            var f = TestFunctionLibrary.All.FirstOrDefault(t => Key(t).Equals(result.GetValue(function), StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--function {result.GetValue(function)}: unknown; choose one of {string.Join(", ", names)}.");
            if (!MethodNames.TryGetValue(result.GetValue(method)!, out var m))
                throw new UsageException($"--method {result.GetValue(method)}: unknown; choose one of {string.Join(", ", MethodNames.Keys)}.");
            var x0 = ParseStart(result.GetValue(start), f);
            double gtol = result.GetValue(tolerance);
            if (!(gtol >= 0)) throw new UsageException($"--gtol must be at least 0, got {gtol}.");
            int? cap = result.GetValue(maxIterations);
            if (cap is < 1) throw new UsageException($"--max-iterations must be at least 1, got {cap}.");
            string? svg = result.GetValue(plot);
            if (svg is not null && f.Dimension != 2) throw new UsageException($"--plot draws two-variable functions; {f.Name} has {f.Dimension}.");
            var options = new MinimizeOptions { GradientTolerance = gtol, MaxIterations = cap, RecordPath = true };
            var objective = Objective.FromTensorFunction(f.Function);
            MinimizeResult r;
            if (m == MinimizeMethod.GradientDescent)
            {
                double lr = result.GetValue(rate), mu = result.GetValue(momentum);
                bool nag = result.GetValue(nesterov);
                if (!(lr > 0) || !double.IsFinite(lr)) throw new UsageException($"--lr must be positive, got {lr}.");
                if (!(mu >= 0 && mu < 1)) throw new UsageException($"--momentum must be in [0, 1), got {mu}.");
                if (nag && mu == 0) throw new UsageException("--nesterov needs --momentum above 0.");
                r = Minimize.GradientDescent(objective, x0, lr, mu, nag, options);
            }
            else r = Minimize.Run(objective, x0, m, options);
            var output = result.InvocationConfiguration.Output;
            var nearest = f.NearestMinimum(r.Solution.ToArray());
            if (svg is not null) DrawPlot(f, r, svg);
            if (result.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["function"] = f.Name, ["method"] = r.Method, ["converged"] = r.Converged, ["reason"] = r.Reason.ToString(), ["message"] = r.Message,
                    ["x"] = r.Solution.ToArray(), ["f"] = r.Value, ["gradient_norm"] = r.GradientNorm, ["iterations"] = r.Iterations,
                    ["evaluations"] = r.FunctionEvaluations, ["nearest_minimum"] = nearest.Point, ["nearest_minimum_value"] = nearest.Value,
                }, CliJson.Default.DictionaryStringObject));
                return 0;
            }
            output.WriteLine($"{r.Method} on {f.Name} from ({Format(x0)}): {(r.Converged ? "converged" : "did not converge")}: {r.Message}.");
            output.WriteLine($"  x = ({Format(r.Solution.ToArray())}), f = {r.Value.ToString("G10", CultureInfo.InvariantCulture)}, |g| = {r.GradientNorm.ToString("E2", CultureInfo.InvariantCulture)}");
            output.WriteLine($"  {r.Iterations} iterations, {r.FunctionEvaluations} evaluations; nearest known minimum ({Format(nearest.Point)}), f = {nearest.Value.ToString("G10", CultureInfo.InvariantCulture)}{(nearest.IsGlobal ? " (global)" : "")}");
            if (svg is not null) output.WriteLine($"  path drawn in {svg}");
            return r.Converged ? 0 : CommandRunner.Failure;
        });
        return command;
    }

    private static double[] ParseStart(string? text, TestFunction f)
    {
        if (text is null) return [.. f.Start];
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw new UsageException($"--start {text}: '{parts[i]}' is not a finite number.");
        if (values.Length != f.Dimension) throw new UsageException($"--start {text}: {f.Name} takes {f.Dimension} numbers, got {values.Length}.");
        return values;
    }

    private static void DrawPlot(TestFunction f, MinimizeResult r, string path)
    {
        var (xMin, xMax, yMin, yMax) = f.Window;
        var probe = new double[2];
        var plot = new ContourPlot((x, y) =>
        {
            probe[0] = x; probe[1] = y;
            return f.Evaluate(probe);
        }, xMin, xMax, yMin, yMax)
        { Title = $"{r.Method} on {f.Name}: {r.Iterations} iterations" };
        plot.AddPath(r.Method, [.. r.Path.Select(p => p[0])], [.. r.Path.Select(p => p[1])]);
        plot.Save(path);
    }

    private static string Format(double[] x) => string.Join(", ", x.Select(v => v.ToString("G8", CultureInfo.InvariantCulture)));
}
