using DeepMath.Cli;

// The `deepmath` command.
return CommandRunner.Run(CommandTree.Create(), args);
