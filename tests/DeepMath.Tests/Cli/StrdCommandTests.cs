using System.Text.Json;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Cli;

public class StrdCommandTests
{
    private static string Data => Path.Combine(RepositoryPaths.Root, "data", "nist");

    [Fact]
    public void Json_lines_carry_the_dataset_kind_start_and_min_lre()
    {
        var (code, output, error) = CliHarness.Run("strd", "--data", Data, "--set", "misra1a", "--json");
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        for (int i = 0; i < 2; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            var root = doc.RootElement;
            Assert.Equal("Misra1a", root.GetProperty("dataset").GetString());
            Assert.Equal("nonlinear", root.GetProperty("kind").GetString());
            Assert.Equal(i + 1, root.GetProperty("start").GetInt32());
            Assert.True(root.GetProperty("min_lre").GetDouble() >= 6);
            Assert.Equal(2, root.GetProperty("estimates_lre").GetArrayLength());
        }
    }

    [Fact]
    public void A_missing_data_folder_or_unknown_set_is_a_usage_error()
    {
        var (code, _, error) = CliHarness.Run("strd", "--data", Path.Combine(Path.GetTempPath(), "no-such-nist-folder"));
        Assert.Equal(2, code);
        Assert.Contains("no such folder", error, StringComparison.Ordinal);
        (code, _, error) = CliHarness.Run("strd", "--data", Data, "--set", "Longleyy");
        Assert.Equal(2, code);
        Assert.Contains("Misra1a", error, StringComparison.Ordinal);
    }
}

public class OptimizeCommandTests
{
    [Fact]
    public void Optimize_writes_the_contour_plot_and_reports_the_minimum_as_json()
    {
        using var folder = new TempFolder();
        string svg = Path.Combine(folder.Path, "path.svg");
        var (code, output, error) = CliHarness.Run("optimize", "--function", "himmelblau", "--method", "lbfgs", "--plot", svg, "--json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("converged").GetBoolean());
        Assert.Equal(3, doc.RootElement.GetProperty("x")[0].GetDouble(), 4);
        System.Xml.Linq.XDocument.Load(svg);
    }

    [Theory]
    [InlineData("--function", "nope")]
    [InlineData("--method", "sgd")]
    [InlineData("--start", "1,abc")]
    [InlineData("--start", "1,2,3")]
    [InlineData("--gtol", "-1")]
    public void Mistakes_get_usage_help_and_exit_code_2(string option, string value)
    {
        var (code, _, error) = CliHarness.Run("optimize", option, value);
        Assert.Equal(2, code);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plot_of_a_four_variable_function_is_refused()
    {
        var (code, _, error) = CliHarness.Run("optimize", "--function", "wood", "--plot", "x.svg");
        Assert.Equal(2, code);
        Assert.Contains("two-variable", error, StringComparison.Ordinal);
    }
}
