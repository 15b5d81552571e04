using DeepMath.Fuzz;
using SharpFuzz;

// deepmath-fuzz TARGET           run under afl-fuzz (input on stdin, forkserver protocol)
// deepmath-fuzz TARGET FILE...   run the target on files once (replaying a finding)
if (args.Length > 2 && args[0] == "measure" && FuzzTargets.ByName.TryGetValue(args[1], out var measured))
{
    // deepmath-fuzz measure TARGET FILE...: the largest allocation per input byte over the files (for setting the bound)
    // Allocation = slope x size + a fixed part (buffers): report the largest fixed part, and the largest slope beyond 1 MiB of it.
    long largest = 0;
    double slope = 0;
    foreach (var file in args[2..])
    {
        var bytes = File.ReadAllBytes(file);
        long before = GC.GetAllocatedBytesForCurrentThread();
        measured(new MemoryStream(bytes));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        largest = Math.Max(largest, allocated);
        slope = Math.Max(slope, (allocated - (1 << 20)) / (double)Math.Max(bytes.Length, 1));
    }
    Console.WriteLine($"{args[1]}: at most {largest:N0} bytes allocated; beyond 1 MiB, at most {slope:F1} bytes per input byte");
    return 0;
}
if (args.Length == 0 || !FuzzTargets.ByName.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: DeepMath.Fuzz TARGET [FILE...]; targets: {string.Join(", ", FuzzTargets.ByName.Keys)}");
    return 2;
}
if (args.Length > 1)
{
    foreach (var file in args[1..])
    {
        using var stream = File.OpenRead(file);
        target(stream);
    }
    return 0;
}
// The readers take seekable streams (files are); AFL's input arrives as a pipe, so it is copied first.
Fuzzer.OutOfProcess.Run(stream =>
{
    var copy = new MemoryStream();
    stream.CopyTo(copy);
    copy.Position = 0;
    target(copy);
});
return 0;
