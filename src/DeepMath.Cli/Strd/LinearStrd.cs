using DeepMath.LinearAlgebra;
using DeepMath.Tensors;

namespace DeepMath.Cli.Strd;

/// <summary>The accuracy of one linear fit: digits agreeing with the reference for each certified quantity.</summary>
/// <param name="Dataset">NIST's name.</param>
/// <param name="Difficulty">Lower, Average or Higher.</param>
/// <param name="EstimateLre">LRE of each coefficient.</param>
/// <param name="StandardErrorLre">LRE of each standard error.</param>
/// <param name="ResidualStandardDeviationLre">LRE of the residual standard deviation.</param>
/// <param name="RSquaredLre">LRE of R².</param>
public sealed record LinearStrdResult(string Dataset, string Difficulty, double[] EstimateLre, double[] StandardErrorLre, double ResidualStandardDeviationLre, double RSquaredLre)
{
    /// <summary>The smallest LRE over every certified quantity.</summary>
    public double MinLre => Math.Min(Math.Min(EstimateLre.Min(), StandardErrorLre.Min()), Math.Min(ResidualStandardDeviationLre, RSquaredLre));
}

/// <summary>Fits a NIST StRD linear regression set with <see cref="LinearRegression"/> and scores the result.</summary>
public static class LinearStrd
{
    /// <summary>The linear sets.</summary>
    public static IReadOnlyList<string> Names { get; } = ["Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley", "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"];

    /// <summary>Fits <paramref name="dataset"/>: a polynomial of its degree in x, or its multiple regression on x's columns.</summary>
    public static LinearStrdResult Run(NistDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var x = dataset.Columns["x"];
        int width = dataset.Widths["x"], n = x.Length / width;
        Tensor<double> predictors;
        if (dataset.Design.Degree is int degree && width == 1)
        {
            // Columns x, x², ..., x^degree (the intercept is added by the fit).
            var powers = new double[n * degree];
            for (int i = 0; i < n; i++)
            {
                double p = 1;
                for (int k = 0; k < degree; k++) powers[i * degree + k] = p *= x[i];
            }
            predictors = Tensor.FromArray(powers, n, degree);
        }
        else predictors = Tensor.FromArray(x, n, width);
        var fit = LinearRegression.Fit(predictors, Tensor.FromArray(dataset.Columns["y"]), dataset.Design.Intercept);
        var estimates = fit.Coefficients.ToArray();
        var errors = fit.StandardErrors.ToArray();
        return new LinearStrdResult(dataset.Name, dataset.Difficulty,
            [.. estimates.Select((v, i) => NistDataset.Lre(v, dataset.Estimates[i]))],
            [.. errors.Select((v, i) => NistDataset.Lre(v, dataset.ExactFit ? 0 : dataset.StandardErrors[i]))],
            NistDataset.Lre(fit.ResidualStandardDeviation, dataset.ExactFit ? 0 : dataset.ResidualStandardDeviation),
            NistDataset.Lre(fit.RSquared, dataset.RSquared));
    }
}
