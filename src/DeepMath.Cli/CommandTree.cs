using System.CommandLine;
using DeepMath.Cli.Commands;

namespace DeepMath.Cli;

/// <summary>The `deepmath` command with all its subcommands (one file per subcommand under Commands/).</summary>
public static class CommandTree
{
    /// <summary>A new root command.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("DeepMath: the mathematics of deep learning in pure C#.");
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(StrdCommand.Create());
        root.Subcommands.Add(OptimizeCommand.Create());
        return root;
    }
}
