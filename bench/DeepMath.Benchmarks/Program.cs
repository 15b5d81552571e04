using BenchmarkDotNet.Running;

// Micro-benchmarks (BenchmarkDotNet). Throughput comparisons with the peers live in the
// `deepmath bench` command and the scripts next to this project; see bench/RESULTS.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
