using System.Diagnostics;
using DeepMath.Neural.Training;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Cli;

/// <summary>
/// Issue 14's fault test: `deepmath train` killed with SIGKILL at random moments (in the middle of an
/// epoch, between epochs, inside a checkpoint write) always leaves a loadable last checkpoint; the next
/// run resumes from it and cleans up any half-written temporary; and the run finished through any number
/// of kills ends with exactly the weights of an uninterrupted one.
/// </summary>
[Collection(SerialCollection.Name)]
public class KillFaultTests
{
    private const int Epochs = 80;

    private static string Binary => Path.Combine(RepositoryPaths.Root, "src", "DeepMath.Cli", "bin", "Release", "net10.0", "deepmath");

    private static string[] Arguments(string folder, bool resume) =>
    [
        "train", "--dataset", "digits", "--epochs", Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "4",
        "--threads", "1", "--out", folder, .. resume ? new[] { "--resume", Path.Combine(folder, "model.safetensors") } : [],
    ];

    private static Process Start(string[] arguments)
    {
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int RunToEnd(string[] arguments)
    {
        using var process = Start(arguments);
        if (!process.WaitForExit(120_000)) { process.Kill(); throw new TimeoutException("deepmath train did not finish in two minutes"); }
        return process.ExitCode;
    }

    [Fact]
    public void Killing_training_at_random_moments_never_loses_the_last_checkpoint_and_resuming_is_bit_identical()
    {
        if (!File.Exists(Binary)) Assert.Fail($"{Binary} is missing: build src/DeepMath.Cli in Release first (the README's test command does).");
        using var straight = new TempFolder();
        Assert.Equal(0, RunToEnd(Arguments(straight.Path, resume: false)));
        var expected = Checkpoint.Load(Path.Combine(straight.Path, "model.safetensors"));

        using var killed = new TempFolder();
        string checkpoint = Path.Combine(killed.Path, "model.safetensors");
        var rng = new Random(7);
        int lastEpoch = 0, kills = 0;
        for (int attempt = 0; attempt < 20 && lastEpoch < Epochs; attempt++)
        {
            using var process = Start(Arguments(killed.Path, resume: File.Exists(checkpoint)));
            Thread.Sleep(rng.Next(100, 600)); // start-up takes about 250 ms and an epoch of digits about 13 ms: a run of 80 epochs about 1.3 s
            if (!process.HasExited) { process.Kill(); kills++; }
            process.WaitForExit();
            if (!File.Exists(checkpoint)) continue;
            var saved = Checkpoint.Load(checkpoint); // never half-written: the rename is atomic
            Assert.True(saved.Epoch >= lastEpoch, $"the checkpoint went back from epoch {lastEpoch} to {saved.Epoch}");
            lastEpoch = saved.Epoch;
        }
        Assert.True(kills >= 3, $"only {kills} runs were killed; the timing did not exercise the fault");
        if (lastEpoch < Epochs) Assert.Equal(0, RunToEnd(Arguments(killed.Path, resume: File.Exists(checkpoint))));

        var final = Checkpoint.Load(checkpoint);
        Assert.Equal(Epochs, final.Epoch);
        foreach (var (name, tensor) in expected.Section<float>("model/"))
            Assert.True(tensor.AsSpan().SequenceEqual(final.Section<float>("model/")[name].AsSpan()), $"{name} differs from the uninterrupted run's");
        var stray = Directory.GetFiles(killed.Path).Where(f => Path.GetFileName(f).StartsWith('.') || f.Contains(".tmp", StringComparison.Ordinal)).ToArray();
        Assert.True(stray.Length == 0, $"stray files left: {string.Join(", ", stray)}");
    }
}
