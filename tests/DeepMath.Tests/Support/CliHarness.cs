using DeepMath.Cli;

namespace DeepMath.Tests.Support;

/// <summary>Runs a <c>deepmath</c> command line in-process with the real command tree, capturing both streams.</summary>
public static class CliHarness
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandRunner.Run(CommandTree.Create(), args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
