using System.CommandLine;
using System.Text.Json;
using DeepMath.Cli;
using DeepMath.Cli.Commands;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Cli;

[Collection(SerialCollection.Name)]
public class CliTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand("DeepMath test root");
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandRunner.Run(root, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("infoo")]
    [InlineData("info", "--bogus")]
    [InlineData("bench", "elementwise", "--threads", "many")]
    [InlineData()]
    public void Mistakes_print_usage_and_exit_with_2(params string[] args)
    {
        var (code, _, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains("Usage:", error);
        Assert.Contains("error:", error);
    }

    [Fact]
    public void Values_out_of_range_are_usage_errors_too()
    {
        var (code, _, error) = Run("bench", "elementwise", "--threads", "0");
        Assert.Equal(2, code);
        Assert.Contains("--threads", error);
    }

    [Fact]
    public void Info_reports_version_runtime_cores_and_simd()
    {
        var (code, output, _) = Run("info", "--json");
        Assert.Equal(0, code);
        var facts = JsonDocument.Parse(output).RootElement;
        Assert.Equal("0.1.0", facts.GetProperty("version").GetString()!.Split('+')[0]);
        Assert.Contains(".NET", facts.GetProperty("runtime").GetString());
        Assert.Equal(Environment.ProcessorCount, facts.GetProperty("cores").GetInt32());
        Assert.False(string.IsNullOrEmpty(facts.GetProperty("simd").GetString()));
    }

    [Fact]
    public void Help_and_demo_succeed()
    {
        Assert.Equal(0, Run("--help").Code);
        var (code, output, _) = Run("demo", "--seed", "3");
        Assert.Equal(0, code);
        Assert.Contains("[[ 0.  1.  2.  3.]", output);
    }
}
