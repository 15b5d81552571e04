using DeepMath.Autodiff;
using DeepMath.Tensors;

namespace DeepMath.Calculus;

/// <summary>The outcome of a gradient check: the worst disagreement between autodiff and finite differences.</summary>
/// <param name="Passed">Every element agreed within the tolerance.</param>
/// <param name="WorstError">max |analytic - numerical| / max(1, |numerical|).</param>
/// <param name="WorstInput">Which input held the worst element.</param>
/// <param name="WorstElement">Its flat (row-major) index.</param>
/// <param name="Analytic">The autodiff derivative there.</param>
/// <param name="Numerical">The finite-difference derivative there.</param>
public sealed record GradCheckResult(bool Passed, double WorstError, int WorstInput, int WorstElement, double Analytic, double Numerical)
{
    /// <summary>A one-line account of the worst element.</summary>
    public override string ToString() =>
        $"{(Passed ? "passed" : "FAILED")}: worst error {WorstError:E3} at input {WorstInput}, element {WorstElement} (autodiff {Analytic:R}, finite differences {Numerical:R})";
}

/// <summary>
/// Checks reverse-mode gradients against finite differences in float64. The function's output is
/// reduced to a scalar with fixed random weights (so every output element is checked at once), and
/// each input element's derivative is estimated by central differences with one Richardson step
/// (error O(h^4)). Use it to test every new backward rule.
/// </summary>
public static class GradCheck
{
    /// <summary>Checks d f / d inputs at the given point.</summary>
    /// <param name="f">The function under test (may be non-scalar).</param>
    /// <param name="inputs">The point: tensors of any shape (copied; never modified).</param>
    /// <param name="tolerance">Largest accepted error |a - n| / max(1, |n|).</param>
    /// <param name="step">Finite-difference step relative to max(1, |x|).</param>
    /// <param name="seed">Seed of the output weights.</param>
    public static GradCheckResult Run(Func<IReadOnlyList<Tensor<double>>, Tensor<double>> f, IReadOnlyList<Tensor<double>> inputs,
        double tolerance = 1e-6, double step = 1e-3, ulong seed = 12345)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        var leaves = inputs.Select(x => x.Detach().Clone().RequireGrad()).ToArray();
        var y = f(leaves);
        var weights = Tensor.Normal<double>(y.Shape, 0, 1, seed);
        var analytic = y.RequiresGrad
            ? Autograd.Grad((y * weights).Sum(), leaves, allowUnused: true)
            : leaves.Select(Tensor.ZerosLike).ToArray();
        double Loss()
        {
            using var _ = GradMode.Disable();
            return (f(leaves) * weights).Sum().ToScalar();
        }

        var worst = new GradCheckResult(true, 0, -1, -1, 0, 0);
        using (GradMode.Disable())
        {
            for (int i = 0; i < leaves.Length; i++)
            {
                var values = leaves[i].AsSpan();
                var gradient = analytic[i].Contiguous().ToArray();
                for (int j = 0; j < values.Length; j++)
                {
                    double original = values[j], h = step * Math.Max(1, Math.Abs(original));
                    double Central(double width)
                    {
                        leaves[i].AsSpan()[j] = original + width;
                        double up = Loss();
                        leaves[i].AsSpan()[j] = original - width;
                        double down = Loss();
                        leaves[i].AsSpan()[j] = original;
                        return (up - down) / (2 * width);
                    }
                    double coarse = Central(h), fine = Central(h / 2);
                    double numerical = (4 * fine - coarse) / 3;
                    double error = Math.Abs(gradient[j] - numerical) / Math.Max(1, Math.Abs(numerical));
                    if (double.IsNaN(error)) error = double.IsNaN(gradient[j]) && double.IsNaN(numerical) ? 0 : double.PositiveInfinity;
                    if (error > worst.WorstError || worst.WorstInput < 0)
                        worst = new GradCheckResult(true, error, i, j, gradient[j], numerical);
                }
            }
        }
        return worst with { Passed = worst.WorstError <= tolerance };
    }
}
