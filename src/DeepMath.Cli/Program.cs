using System.CommandLine;
using DeepMath.Cli;
using DeepMath.Cli.Commands;

// The `deepmath` command: one file per subcommand under Commands/.
var root = new RootCommand("DeepMath: the mathematics of deep learning in pure C#.");
root.Subcommands.Add(InfoCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(PredictCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
return CommandRunner.Run(root, args);
