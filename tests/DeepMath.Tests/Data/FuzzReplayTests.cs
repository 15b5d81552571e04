using DeepMath.Fuzz;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Data;

/// <summary>
/// The fuzz targets (fuzz/DeepMath.Fuzz) on every seed and every saved finding (fuzz/findings/TARGET/):
/// each input must be read or refused with the target's typed error. A crash AFL++ finds becomes a
/// regression here as soon as its file is committed.
/// </summary>
public class FuzzReplayTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in new[] { "seeds", "findings" })
        {
            var root = Path.Combine(RepositoryPaths.Root, "fuzz", folder);
            if (!Directory.Exists(root)) continue;
            foreach (var target in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
                foreach (var file in Directory.GetFiles(target).Order(StringComparer.Ordinal))
                    data.Add(Path.GetFileName(target), Path.GetRelativePath(RepositoryPaths.Root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Every_seed_and_finding_is_read_or_refused_with_the_typed_error(string target, string file)
    {
        Assert.True(FuzzTargets.ByName.TryGetValue(target, out var run), $"fuzz/…/{target} names no fuzz target");
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.Root, file));
        run!(stream);
    }

    [Fact]
    public void Every_target_has_seeds()
    {
        foreach (var target in FuzzTargets.ByName.Keys)
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "fuzz", "seeds", target)));
    }

    [Fact]
    public void A_target_that_allocates_beyond_its_bound_is_a_finding()
    {
        var greedy = FuzzTargets.Bounded("greedy", (4, 1024), s => GC.KeepAlive(new byte[10_000]));
        var e = Assert.Throws<InvalidOperationException>(() => greedy(new MemoryStream(new byte[10])));
        Assert.Contains("over the documented bound", e.Message, StringComparison.Ordinal);
        FuzzTargets.Bounded("modest", (4, 1 << 20), s => GC.KeepAlive(new byte[10_000]))(new MemoryStream(new byte[10]));
    }
}
