using DeepMath.Optimization.LeastSquares;
using DeepMath.Tensors;

namespace DeepMath.Cli.Strd;

/// <summary>The accuracy of one nonlinear fit: digits agreeing with the reference for each certified quantity.</summary>
/// <param name="Dataset">NIST's name.</param>
/// <param name="Difficulty">Lower, Average or Higher.</param>
/// <param name="Start">1 or 2.</param>
/// <param name="EstimateLre">LRE of each parameter estimate.</param>
/// <param name="StandardErrorLre">LRE of each standard error.</param>
/// <param name="ResidualSumOfSquaresLre">LRE of the residual sum of squares.</param>
/// <param name="Converged">Whether Levenberg-Marquardt reported convergence.</param>
/// <param name="Iterations">Its iterations.</param>
public sealed record NonlinearStrdResult(string Dataset, string Difficulty, int Start, double[] EstimateLre, double[] StandardErrorLre,
    double ResidualSumOfSquaresLre, bool Converged, int Iterations)
{
    /// <summary>The smallest LRE over the estimates and the residual sum of squares (the figure NIST comparisons quote).</summary>
    public double MinLre => Math.Min(EstimateLre.Min(), ResidualSumOfSquaresLre);
}

/// <summary>Fits a NIST StRD nonlinear data set from one of its starts and scores the result.</summary>
public static class NonlinearStrd
{
    /// <summary>Fits <paramref name="dataset"/> from start 1 or 2 with <see cref="CurveFit"/>.</summary>
    /// <exception cref="ArgumentException">No model is known for the set, or the start does not exist.</exception>
    public static NonlinearStrdResult Run(NistDataset dataset, int start)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!NistNonlinearModels.ByName.TryGetValue(dataset.Name, out var model)) throw new ArgumentException($"No model is known for the nonlinear set '{dataset.Name}'.");
        if (start < 1 || start > dataset.Starts.Count) throw new ArgumentException($"{dataset.Name} has starts 1..{dataset.Starts.Count}, not {start}.");
        Tensor<double> x, y;
        if (dataset.Name.Equals("Nelson", StringComparison.OrdinalIgnoreCase))
        {
            // Nelson's model is for log y, with two predictors.
            var x1 = dataset.Columns["x1"];
            var x2 = dataset.Columns["x2"];
            x = Tensor.FromArray([.. x1.Zip(x2, (a, b) => new[] { a, b }).SelectMany(p => p)], x1.Length, 2);
            y = Tensor.FromArray([.. dataset.Columns["y"].Select(v => Math.Log(v))]);
        }
        else
        {
            x = Tensor.FromArray(dataset.Columns["x"]);
            y = Tensor.FromArray(dataset.Columns["y"]);
        }
        var fit = CurveFit.Fit(model, x, y, dataset.Starts[start - 1], new LeastSquaresOptions { MaxIterations = 5000 });
        var estimates = fit.Parameters.ToArray();
        var errors = fit.StandardErrors.ToArray();
        return new NonlinearStrdResult(dataset.Name, dataset.Difficulty, start,
            [.. estimates.Select((v, i) => NistDataset.Lre(v, dataset.Estimates[i]))],
            [.. errors.Select((v, i) => NistDataset.Lre(v, dataset.StandardErrors[i]))],
            NistDataset.Lre(fit.ResidualSumOfSquares, dataset.ResidualSumOfSquares),
            fit.Converged, fit.Solve.Iterations);
    }
}
