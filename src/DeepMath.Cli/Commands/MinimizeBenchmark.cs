using System.CommandLine;
using DeepMath.Optimization.Minimizers;
using DeepMath.Optimization.TestFunctions;
using DeepMath.Tensors;

namespace DeepMath.Cli.Commands;

/// <summary>
/// <c>deepmath bench minimize</c>: the cost of each minimizer on each test function from its standard
/// start at scipy's default tolerance (gradient 1e-5), counted in evaluations rather than seconds, so
/// bench/minimize.sh can set it beside scipy.optimize.minimize on the same problems.
/// </summary>
public static class MinimizeBenchmark
{
    /// <summary>The methods compared, with the scipy method each corresponds to.</summary>
    public static IReadOnlyList<(MinimizeMethod Method, string Scipy)> Methods { get; } =
    [
        (MinimizeMethod.Bfgs, "BFGS"), (MinimizeMethod.LBfgs, "L-BFGS-B"), (MinimizeMethod.ConjugateGradientPolakRibiere, "CG"),
        (MinimizeMethod.NewtonCg, "Newton-CG"), (MinimizeMethod.TrustRegionNewton, "trust-ncg"), (MinimizeMethod.NelderMead, "Nelder-Mead"),
        (MinimizeMethod.Powell, "Powell"),
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var common = new BenchCommand.CommonOptions();
        var command = new Command("minimize", "Evaluations each minimizer needs on the test functions from their standard starts (scipy's default tolerances).");
        common.AddTo(command);
        command.SetAction(result =>
        {
            var writer = common.Writer(result);
            foreach (var function in TestFunctionLibrary.All.Append(TestFunctionLibrary.RosenbrockN(10)))
                foreach (var (method, scipy) in Methods)
                {
                    var r = Minimize.Function(function.Function, Tensor.FromArray(function.Start), method);
                    writer.Emit(new()
                    {
                        ["bench"] = "minimize", ["lib"] = "deepmath", ["function"] = function.Name, ["method"] = scipy,
                        ["iterations"] = r.Iterations, ["evaluations"] = r.FunctionEvaluations, ["gradient_evaluations"] = r.GradientEvaluations,
                        ["hessian_vector_products"] = r.HessianVectorProducts, ["converged"] = r.Converged, ["f"] = r.Value,
                        ["x"] = r.Solution.ToArray(),
                    });
                }
            return 0;
        });
        return command;
    }
}
