using DeepMath.Fuzz;
using SharpFuzz;

// deepmath-fuzz TARGET           run under afl-fuzz (input on stdin, forkserver protocol)
// deepmath-fuzz TARGET FILE...   run the target on files once (replaying a finding)
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
