using Xunit;
using DeepMath.Plotting;

namespace DeepMath.Tests.Plotting;

public sealed class SaveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("plotting-save-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Save_writes_the_svg_and_leaves_no_temp_file()
    {
        var path = Path.Combine(_folder, "loss.svg");
        Examples.Loss().Save(path);

        Assert.Equal(Examples.Loss().ToSvg(), File.ReadAllText(path));
        Assert.Equal(["loss.svg"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_replaces_an_existing_file()
    {
        var path = Path.Combine(_folder, "cm.svg");
        File.WriteAllText(path, "old content that is longer than nothing");
        Examples.Confusion().Save(path);

        Assert.Equal(Examples.Confusion().ToSvg(), File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Failed_save_removes_its_temp_file()
    {
        // The target is a folder, so the final rename fails after the temp file was written.
        var target = Path.Combine(_folder, "taken");
        Directory.CreateDirectory(target);

        Assert.ThrowsAny<IOException>(() => new ScatterChart().Save(target));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Save_creates_a_missing_folder()
    {
        var path = Path.Combine(_folder, "new", "x.svg");
        new LineChart().Save(path);
        Assert.True(File.Exists(path));
    }
}
