using DeepMath.Tensors;

namespace DeepMath.Cli.Strd;

/// <summary>
/// The 27 NIST StRD nonlinear regression models, as tensor functions of the parameters b (1-D) and the
/// predictor x (n, or n x 2 for Nelson), so the fit gets exact Jacobians by automatic differentiation.
/// Each is transcribed from the model line of its data file.
/// </summary>
public static class NistNonlinearModels
{
    private static Tensor<double> B(Tensor<double> b, int i) => b.Select(0, i - 1);

    private static Tensor<double> Exp(Tensor<double> t) => t.Exp();

    private static readonly Func<Tensor<double>, Tensor<double>, Tensor<double>> Exponential = (b, x) => B(b, 1) * (1.0 - Exp(-B(b, 2) * x));
    private static readonly Func<Tensor<double>, Tensor<double>, Tensor<double>> Chwirut = (b, x) => Exp(-B(b, 1) * x) / (B(b, 2) + B(b, 3) * x);
    private static readonly Func<Tensor<double>, Tensor<double>, Tensor<double>> Lanczos =
        (b, x) => B(b, 1) * Exp(-B(b, 2) * x) + B(b, 3) * Exp(-B(b, 4) * x) + B(b, 5) * Exp(-B(b, 6) * x);
    private static readonly Func<Tensor<double>, Tensor<double>, Tensor<double>> Gauss =
        (b, x) => B(b, 1) * Exp(-B(b, 2) * x) + B(b, 3) * Exp(-(x - B(b, 4)).Square() / B(b, 5).Square()) + B(b, 6) * Exp(-(x - B(b, 7)).Square() / B(b, 8).Square());

    /// <summary>The model of each nonlinear data set, by NIST's name.</summary>
    public static IReadOnlyDictionary<string, Func<Tensor<double>, Tensor<double>, Tensor<double>>> ByName { get; } =
        new Dictionary<string, Func<Tensor<double>, Tensor<double>, Tensor<double>>>(StringComparer.OrdinalIgnoreCase)
        {
            ["Misra1a"] = Exponential,
            ["BoxBOD"] = Exponential,
            ["Chwirut1"] = Chwirut,
            ["Chwirut2"] = Chwirut,
            ["Lanczos1"] = Lanczos,
            ["Lanczos2"] = Lanczos,
            ["Lanczos3"] = Lanczos,
            ["Gauss1"] = Gauss,
            ["Gauss2"] = Gauss,
            ["Gauss3"] = Gauss,
            ["DanWood"] = (b, x) => B(b, 1) * Tensor.Pow(x, B(b, 2)),
            ["Misra1b"] = (b, x) => B(b, 1) * (1.0 - (1.0 + B(b, 2) * x / 2.0).Pow(-2.0)),
            ["Misra1c"] = (b, x) => B(b, 1) * (1.0 - (1.0 + 2.0 * B(b, 2) * x).Pow(-0.5)),
            ["Misra1d"] = (b, x) => B(b, 1) * B(b, 2) * x / (1.0 + B(b, 2) * x),
            ["Kirby2"] = (b, x) => (B(b, 1) + B(b, 2) * x + B(b, 3) * x.Square()) / (1.0 + B(b, 4) * x + B(b, 5) * x.Square()),
            ["Hahn1"] = Rational3Over3,
            ["Thurber"] = Rational3Over3,
            ["Nelson"] = (b, x) => B(b, 1) - B(b, 2) * x.Select(1, 0) * Exp(-B(b, 3) * x.Select(1, 1)),
            ["MGH17"] = (b, x) => B(b, 1) + B(b, 2) * Exp(-x * B(b, 4)) + B(b, 3) * Exp(-x * B(b, 5)),
            ["ENSO"] = (b, x) =>
            {
                var angle = 2 * Math.PI * x;
                return B(b, 1) + B(b, 2) * (angle / 12.0).Cos() + B(b, 3) * (angle / 12.0).Sin()
                    + B(b, 5) * (angle / B(b, 4)).Cos() + B(b, 6) * (angle / B(b, 4)).Sin()
                    + B(b, 8) * (angle / B(b, 7)).Cos() + B(b, 9) * (angle / B(b, 7)).Sin();
            },
            ["MGH09"] = (b, x) => B(b, 1) * (x.Square() + x * B(b, 2)) / (x.Square() + x * B(b, 3) + B(b, 4)),
            ["MGH10"] = (b, x) => B(b, 1) * Exp(B(b, 2) / (x + B(b, 3))),
            ["Rat42"] = (b, x) => B(b, 1) / (1.0 + Exp(B(b, 2) - B(b, 3) * x)),
            ["Rat43"] = (b, x) => B(b, 1) / Tensor.Pow(1.0 + Exp(B(b, 2) - B(b, 3) * x), 1.0 / B(b, 4)),
            ["Eckerle4"] = (b, x) => B(b, 1) / B(b, 2) * Exp(-0.5 * ((x - B(b, 3)) / B(b, 2)).Square()),
            ["Roszman1"] = (b, x) => B(b, 1) - B(b, 2) * x - (B(b, 3) / (x - B(b, 4))).Atan() / Math.PI,
            ["Bennett5"] = (b, x) => B(b, 1) * Tensor.Pow(B(b, 2) + x, -1.0 / B(b, 3)),
        };

    private static Tensor<double> Rational3Over3(Tensor<double> b, Tensor<double> x)
    {
        var x2 = x.Square();
        var x3 = x2 * x;
        return (B(b, 1) + B(b, 2) * x + B(b, 3) * x2 + B(b, 4) * x3) / (1.0 + B(b, 5) * x + B(b, 6) * x2 + B(b, 7) * x3);
    }
}
