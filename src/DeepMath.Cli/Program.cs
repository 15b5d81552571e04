using DeepMath.Cli;
using DeepMath.Kernels;

// The `deepmath` command. The library reads no environment variables; the command line maps these.
if (int.TryParse(Environment.GetEnvironmentVariable("DEEPMATH_THREADS"), out var threads) && threads >= 1)
    Compute.DefaultThreads = threads;
if (GemmBlocking.TryParse(Environment.GetEnvironmentVariable("DEEPMATH_GEMM_BLOCKING")) is { } blocking)
    Compute.GemmBlockSizes(blocking); // for the whole run: the scope is never left
return CommandRunner.Run(CommandTree.Create(), args);
