using DeepMath.Cli.Strd;
using Xunit;

namespace DeepMath.Tests.Optimization;

/// <summary>
/// Levenberg-Marquardt on all 27 NIST StRD nonlinear regression problems from both certified starts,
/// judged by the log relative error against the 50-digit reference results for the data as doubles.
/// </summary>
public class NistNonlinearTests
{
    private static string DataFolder => Path.Combine(Support.RepositoryPaths.Root, "data", "nist");

    public static TheoryData<string, int> Problems()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in NistNonlinearModels.ByName.Keys.Order(StringComparer.Ordinal))
            for (int start = 1; start <= 2; start++) data.Add(name, start);
        return data;
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Every_estimate_and_the_residual_sum_of_squares_agree_to_six_digits(string name, int start)
    {
        if (name == "MGH10" && start == 1) return; // the one known failure, checked below
        var dataset = NistDataset.Load(Path.Combine(DataFolder, name + ".json"));
        var result = NonlinearStrd.Run(dataset, start);
        Assert.True(result.Converged, $"{name} from start {start}: not converged after {result.Iterations} iterations");
        Assert.True(result.EstimateLre.Min() >= 6, $"{name} from start {start}: LRE of estimates {string.Join(", ", result.EstimateLre.Select(v => v.ToString("F1")))}");
        // Lanczos1's residuals are about 1e-13 of y, so rounding y - f(x) in binary64 alone costs all but about
        // three digits of its residual sum of squares (1.4e-25), and so of the standard errors; no double-precision evaluation of the model can do better.
        double rssTarget = name == "Lanczos1" ? 2.5 : 6;
        Assert.True(result.ResidualSumOfSquaresLre >= rssTarget, $"{name} from start {start}: LRE of the residual sum of squares {result.ResidualSumOfSquaresLre:F1}");
        // Standard errors scale with the residual standard deviation, so they share that limit.
        Assert.True(result.StandardErrorLre.Min() >= Math.Min(4, rssTarget), $"{name} from start {start}: LRE of standard errors {string.Join(", ", result.StandardErrorLre.Select(v => v.ToString("F1")))}");
    }

    [Fact]
    public void MGH10_from_its_first_start_is_reported_as_not_converged_rather_than_as_a_wrong_answer()
    {
        // MINPACK fails here too (scipy's method='lm' ends in NaN); the fit must say so, not return a confident wrong answer.
        var result = NonlinearStrd.Run(NistDataset.Load(Path.Combine(DataFolder, "MGH10.json")), 1);
        Assert.True(result.Converged ? result.MinLre >= 6 : result.MinLre < 6);
    }
}
